// Measures, in a thread of its own, the seed CNN's training and both networks' inference on a wasm
// backend whose thread pool has the request's `threads` threads (the rest of the benchmark runs on
// the single-threaded build: one per process, as data-parallel training uses it).
import { LocalTrainer } from '@glyph/core/train';
import { buildModel } from '@glyph/core/zoo';
import { serveThread } from '../threads';
import { initNodeEngine } from '../engine/init-node-engine';
import { measureInference } from './measure-inference';
import { measureTraining } from './measure-training';
import { buildSeedCnn } from './seed-cnn';
import type { ThreadedFigures, ThreadedRequest } from './measure-threaded';

async function measure({ threads, runs, steps }: ThreadedRequest): Promise<ThreadedFigures> {
  const engine = await initNodeEngine({ threads });
  const poolThreads = engine.threads ?? 1;
  const seedCnn = buildSeedCnn();
  const trainer = new LocalTrainer(seedCnn, { optimizer: { kind: 'adam', learningRate: 1e-3 }, seed: 1 });
  const training = await measureTraining({
    model: 'seed-cnn',
    trainer,
    inputShape: [28, 28, 1],
    numClasses: 10,
    batchSize: 128,
    warmupSteps: 2,
    steps,
    threads: poolThreads,
  });
  await trainer.dispose();
  const glyphnet = buildModel('glyphnet', { inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
  return {
    training,
    inference: [
      measureInference('seed-cnn', seedCnn, runs, poolThreads),
      measureInference('glyphnet', glyphnet, runs, poolThreads),
    ],
  };
}

serveThread<undefined, ThreadedRequest, ThreadedFigures>(() => ({ handle: measure }));
