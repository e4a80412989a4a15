// Entry of a data-parallel training worker thread: its own WASM instance and model replica.
// Started through worker-bootstrap.mjs (which loads TypeScript); talks WorkerRequest/WorkerReply.
import { parentPort } from 'node:worker_threads';
import { isGlyphError } from '@glyph/core';
import { initNodeEngine } from '../init-node-engine';
import { Replica } from './replica';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('gradient-worker must run in a worker thread');

let replica: Replica | undefined;

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  if (request.type === 'init') {
    await initNodeEngine({ backend: request.setup.backend });
    replica = await Replica.fromSetup(request.setup);
    return { type: 'done' };
  }
  if (!replica) throw new Error(`'${request.type}' before 'init'`);
  switch (request.type) {
    case 'crash':
      throw new Error('unreachable: crash is handled on arrival');
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

// Requests are handled one at a time, in arrival order (init is asynchronous).
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  // An uncaught error kills the thread at once, before any later request runs.
  if (request.type === 'crash') throw new Error('crash requested by the test hook');
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = await handle(request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = { type: 'failed', message, ...(isGlyphError(error) && { code: error.code }) };
    }
    port.postMessage(reply, transferablesOf(reply));
  });
});
