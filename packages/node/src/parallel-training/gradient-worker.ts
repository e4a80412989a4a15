// Entry of a data-parallel training worker thread: its own WASM instance and model replica.
// Started by worker-handle.ts; answers WorkerRequests one at a time, in arrival order.
import { serveThread } from '../threads';
import { initNodeEngine } from '../engine/init-node-engine';
import { Replica } from './replica';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

let replica: Replica | undefined;

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  if (request.type === 'crash') {
    // An uncaught error kills the thread; later requests wait behind this one, so none runs.
    setImmediate(() => {
      throw new Error('crash requested by the test hook');
    });
    return new Promise<never>(() => {});
  }
  if (request.type === 'init') {
    await initNodeEngine({ backend: request.setup.backend });
    replica = await Replica.fromSetup(request.setup);
    return { type: 'done' };
  }
  if (!replica) throw new Error(`'${request.type}' before 'init'`);
  switch (request.type) {
    case 'compute':
      return { type: 'computed', shard: replica.computeShard(request.x, request.labels, request.count) };
    case 'apply':
      replica.apply(request.gradients, request.nonTrainable);
      return { type: 'done' };
    case 'set-weights':
      replica.setWeights(request.weights);
      return { type: 'done' };
    case 'set-learning-rate':
      replica.setLearningRate(request.learningRate);
      return { type: 'done' };
    case 'set-optimizer-state':
      await replica.setOptimizerState(request.state);
      return { type: 'done' };
  }
}

function transferablesOf(reply: WorkerReply): ArrayBuffer[] {
  return reply.type === 'computed'
    ? [...reply.shard.gradients, ...reply.shard.nonTrainable].map((array) => array.buffer as ArrayBuffer)
    : [];
}

serveThread<undefined, WorkerRequest, WorkerReply>(() => ({
  handle,
  transferOf: transferablesOf,
  oneAtATime: true,
}));
