import * as tf from '@tensorflow/tfjs';
import type { BatchResult, BatchTrainer } from './batch-trainer';
import { reseedDropout } from './dropout-seeds';
import { applyGradients, computeGradients } from './gradients';
import {
  createOptimizer,
  getOptimizerState,
  setOptimizerLearningRate,
  setOptimizerState,
  type OptimizerConfig,
  type OptimizerState,
} from './optimizer';

/** A trainer whose optimizer state (Adam moments, step count) can be saved and restored. */
export interface CheckpointableTrainer extends BatchTrainer {
  getOptimizerState(): Promise<OptimizerState>;
  setOptimizerState(state: OptimizerState): Promise<void>;
}

export function isCheckpointableTrainer(trainer: BatchTrainer): trainer is CheckpointableTrainer {
  const candidate = trainer as Partial<CheckpointableTrainer>;
  return (
    typeof candidate.getOptimizerState === 'function' && typeof candidate.setOptimizerState === 'function'
  );
}

export interface LocalTrainerOptions {
  readonly optimizer: OptimizerConfig;
  /** Seeds the per-step dropout masks. */
  readonly seed: number;
}

/**
 * Runs each optimizer step in this thread on the current tfjs backend. It trains `model` in place,
 * so the same model can be evaluated or saved between steps without copying weights.
 */
export class LocalTrainer implements CheckpointableTrainer {
  readonly model: tf.LayersModel;
  private readonly optimizer: tf.Optimizer;
  private readonly seed: number;
  private readonly inputShape: [number, number, number];

  constructor(model: tf.LayersModel, options: LocalTrainerOptions) {
    this.model = model;
    this.optimizer = createOptimizer(options.optimizer);
    this.seed = options.seed;
    const [, height, width, channels] = model.inputs[0].shape;
    if (height === null || width === null || channels === null) {
      throw new Error('LocalTrainer needs a model with a fixed input shape');
    }
    this.inputShape = [height, width, channels];
  }

  async trainBatch(x: Float32Array, labels: Int32Array, batchSize: number): Promise<BatchResult> {
    const [height, width, channels] = this.inputShape;
    reseedDropout(this.model, this.seed, this.optimizer.iterations);
    const [loss, accuracy] = tf.tidy(() => {
      const xs = tf.tensor4d(x.subarray(0, batchSize * height * width * channels), [
        batchSize,
        height,
        width,
        channels,
      ]);
      const ys = tf.tensor1d(labels.subarray(0, batchSize), 'int32');
      const result = computeGradients(this.model, xs, ys);
      applyGradients(this.optimizer, this.model, result.gradients);
      return [result.loss, result.accuracy];
    });
    try {
      const [lossValue, accuracyValue] = await Promise.all([loss.data(), accuracy.data()]);
      return { loss: lossValue[0], accuracy: accuracyValue[0] };
    } finally {
      loss.dispose();
      accuracy.dispose();
    }
  }

  setLearningRate(learningRate: number): void {
    setOptimizerLearningRate(this.optimizer, learningRate);
  }

  async getWeights(): Promise<Float32Array[]> {
    return Promise.all(this.model.getWeights().map(async (tensor) => Float32Array.from(await tensor.data())));
  }

  async setWeights(weights: readonly Float32Array[]): Promise<void> {
    const current = this.model.getWeights();
    if (weights.length !== current.length) {
      throw new Error(`expected ${current.length} weight arrays, got ${weights.length}`);
    }
    const tensors = weights.map((values, index) => tf.tensor(values, current[index].shape));
    this.model.setWeights(tensors);
    tf.dispose(tensors);
  }

  getOptimizerState(): Promise<OptimizerState> {
    return getOptimizerState(this.optimizer);
  }

  setOptimizerState(state: OptimizerState): Promise<void> {
    return setOptimizerState(this.optimizer, state);
  }

  /** Frees the optimizer's slots; the model belongs to the caller. */
  async dispose(): Promise<void> {
    this.optimizer.dispose();
  }
}
