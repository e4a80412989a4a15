import type * as tf from '@tensorflow/tfjs';
import { LocalTrainer, type BatchTrainer, type OptimizerConfig } from '@glyph/core/train';
import { ParallelTrainer } from '@glyph/node/parallel-training';
import type { TrainConfig } from './train-config';

export interface CreatedTrainer {
  readonly trainer: BatchTrainer;
  /** Threads taking part in each step (this one included). */
  readonly workers: number;
  /** Whether the trainer updates the caller's model itself (no weight copy needed to evaluate or save). */
  readonly trainsModelInPlace: boolean;
}

/**
 * The trainer for a run: this thread alone for one worker, otherwise data-parallel across worker
 * threads (each with its own engine instance) with this thread training `model` as replica 0.
 */
export async function createTrainer(
  model: tf.LayersModel,
  config: TrainConfig,
  settings: { workers: number; backend: string },
): Promise<CreatedTrainer> {
  const optimizer: OptimizerConfig = {
    kind: config.optimizer,
    learningRate: config.learningRate,
    momentum: 0.9,
  };
  if (settings.workers <= 1) {
    return {
      trainer: new LocalTrainer(model, { optimizer, seed: config.seed }),
      workers: 1,
      trainsModelInPlace: true,
    };
  }
  const trainer = await ParallelTrainer.create(model, {
    optimizer,
    seed: config.seed,
    workers: settings.workers,
    backend: settings.backend,
  });
  return { trainer, workers: trainer.replicas, trainsModelInPlace: true };
}
