import type { Recognition } from '@glyph/core/recognize';
import type { MicroBatcher } from '../micro-batcher';
import type { PredictionRequest } from './batched-recognizer';
import type { ServedRecognizer } from './served-recognizer';

/** One loaded, warmed-up version of a model, with its own recognizer (and threads) and batcher. */
export interface ServedModel {
  readonly id: string;
  readonly version: number;
  /** The folder holding its model.json: a version folder, or the model's folder for a plain version 1. */
  readonly folder: string;
  /** The sub-folder of the models directory it is served from. */
  readonly slot: string;
  /** Its files' names, sizes and times when loaded (see `versionSignature`). */
  readonly signature: string;
  readonly recognizer: ServedRecognizer;
  readonly batcher: MicroBatcher<PredictionRequest, Recognition>;
  /** Work running on this version outside its batcher (large images on the background thread). */
  readonly outside: InFlight;
}

/** Counts promises still running, so a retired version is freed only after the last one settles. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  track<T>(work: Promise<T>): Promise<T> {
    this.count += 1;
    return work.finally(() => {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    });
  }

  drained(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * Frees a version nothing new reaches any more: its queued and running predictions finish first
 * (on this version), then its tensors and inference threads go.
 */
export async function retireModel(model: ServedModel): Promise<void> {
  // Routes queue on the version serving in the same step as they look it up; work that looked it up
  // earlier and queues later (e.g. scoring stored samples) is told to retry, and then meets the new one.
  await model.batcher.close(
    `Model "${model.id}" version ${model.version} was replaced or unloaded while this request waited; retry it.`,
  );
  await model.outside.drained();
  model.recognizer.dispose();
}
