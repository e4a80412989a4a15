import { Worker } from 'node:worker_threads';
import type { InferenceFigure } from './measure-inference';
import type { TrainingFigure } from './measure-training';

const bootstrap = new URL('../parallel/worker-bootstrap.mjs', import.meta.url);
const entry = new URL('./threaded-worker.ts', import.meta.url).href;

export interface ThreadedFigures {
  readonly training: TrainingFigure;
  readonly inference: InferenceFigure[];
}

/**
 * The seed CNN's training and the seed CNN's and glyphnet's inference on a wasm backend with a
 * pool of `threads` threads, measured in a worker thread (a process starts its backend only once).
 */
export function measureThreaded(threads: number, runs: number, steps: number): Promise<ThreadedFigures> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { workerData: { entry, threads, runs, steps } });
    worker.once('message', (figures: ThreadedFigures) => {
      resolve(figures);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the threaded benchmark thread exited with code ${code}`)),
    );
  });
}
