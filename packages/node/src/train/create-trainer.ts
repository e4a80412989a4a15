import type * as tf from '@tensorflow/tfjs';
import { LocalTrainer, type BatchTrainer } from '@glyph/core/train';
import type { TrainConfig } from './train-config';

export interface CreatedTrainer {
  readonly trainer: BatchTrainer;
  readonly workers: number;
  readonly note?: string;
}

/**
 * The trainer for a run. Data-parallel training over worker threads plugs in here when
 * `@glyph/node/engine` provides it; until then every run trains in this thread.
 */
export async function createTrainer(
  model: tf.LayersModel,
  config: TrainConfig,
  requestedWorkers: number,
): Promise<CreatedTrainer> {
  const trainer = new LocalTrainer(model, {
    optimizer: { kind: config.optimizer, learningRate: config.learningRate, momentum: 0.9 },
    seed: config.seed,
  });
  return {
    trainer,
    workers: 1,
    ...(requestedWorkers > 1 && {
      note: `--workers ${requestedWorkers}: multi-core training is not available in this build; training in one thread.`,
    }),
  };
}
