import { runInThread } from '../threads';
import type { InferenceFigure } from './measure-inference';
import type { TrainingFigure } from './measure-training';

const entry = new URL('./threaded-worker.ts', import.meta.url);

export interface ThreadedFigures {
  readonly training: TrainingFigure;
  readonly inference: InferenceFigure[];
}

/** What the measuring thread is asked for. */
export interface ThreadedRequest {
  readonly threads: number;
  readonly runs: number;
  readonly steps: number;
}

/**
 * The seed CNN's training and the seed CNN's and glyphnet's inference on a wasm backend with a
 * pool of `threads` threads, measured in a worker thread (a process starts its backend only once).
 */
export function measureThreaded(threads: number, runs: number, steps: number): Promise<ThreadedFigures> {
  return runInThread<ThreadedRequest, ThreadedFigures>(entry, { threads, runs, steps });
}
