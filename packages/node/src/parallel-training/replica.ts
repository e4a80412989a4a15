import * as tf from '@tensorflow/tfjs';
import {
  applyGradients,
  computeGradients,
  createOptimizer,
  deriveSeed,
  reseedDropout,
  setOptimizerLearningRate,
  setOptimizerState,
  type OptimizerConfig,
  type OptimizerState,
} from '@glyph/core/train';
import type { ReplicaSetup, ShardResult } from './worker-protocol';

/** Keeps replica r's dropout masks apart from replica 0's (which uses the run seed, like LocalTrainer). */
const replicaSeedStream = 0x7e91;

/**
 * One copy of the model and its optimizer taking part in data-parallel training: it computes the
 * gradients of its shard and applies the averaged gradients, so all replicas stay identical.
 * Runs in the main thread (replica 0, the caller's model) and in each worker.
 */
export class Replica {
  readonly optimizer: tf.Optimizer;
  private readonly dropoutSeed: number;

  constructor(
    readonly model: tf.LayersModel,
    optimizer: OptimizerConfig,
    seed: number,
    replica: number,
  ) {
    this.optimizer = createOptimizer(optimizer);
    this.dropoutSeed = replica === 0 ? seed : deriveSeed(seed, replicaSeedStream, replica);
  }

  static async fromSetup(setup: ReplicaSetup): Promise<Replica> {
    const model = await tf.models.modelFromJSON(
      setup.topology as Parameters<typeof tf.models.modelFromJSON>[0],
    );
    const replica = new Replica(model, setup.optimizer, setup.seed, setup.replica);
    replica.setWeights(setup.weights);
    return replica;
  }

  /** Gradients of the mean loss over `count` samples. `x`: [count, h, w, c] float32, flattened. */
  computeShard(x: Float32Array, labels: Int32Array, count: number): ShardResult {
    const [, height, width, channels] = this.model.inputs[0].shape as number[];
    reseedDropout(this.model, this.dropoutSeed, this.iterations());
    const xs = tf.tensor4d(x.subarray(0, count * height * width * channels), [
      count,
      height,
      width,
      channels,
    ]);
    const ys = tf.tensor1d(labels.subarray(0, count), 'int32');
    const { gradients, loss, accuracy } = computeGradients(this.model, xs, ys);
    try {
      return {
        count,
        loss: loss.dataSync()[0],
        accuracy: accuracy.dataSync()[0],
        gradients: gradients.map((gradient) => gradient.dataSync() as Float32Array),
        nonTrainable: this.nonTrainableValues(),
      };
    } finally {
      tf.dispose([xs, ys, loss, accuracy, ...gradients]);
    }
  }

  /** One optimizer step with the averaged gradients, then the averaged batch-norm statistics. */
  apply(gradients: readonly Float32Array[], nonTrainable: readonly Float32Array[]): void {
    tf.tidy(() => {
      const weights = this.model.trainableWeights;
      applyGradients(
        this.optimizer,
        this.model,
        gradients.map((values, index) => tf.tensor(values, weights[index].shape as number[])),
      );
    });
    this.model.nonTrainableWeights.forEach((weight, index) => {
      const value = tf.tensor(nonTrainable[index], weight.shape as number[]);
      weight.write(value);
      value.dispose();
    });
  }

  setWeights(weights: readonly Float32Array[]): void {
    const current = this.model.getWeights();
    if (weights.length !== current.length) {
      throw new Error(`expected ${current.length} weight arrays, got ${weights.length}`);
    }
    const tensors = weights.map((values, index) => tf.tensor(values, current[index].shape));
    this.model.setWeights(tensors);
    tf.dispose(tensors);
  }

  setLearningRate(learningRate: number): void {
    setOptimizerLearningRate(this.optimizer, learningRate);
  }

  setOptimizerState(state: OptimizerState): Promise<void> {
    return setOptimizerState(this.optimizer, state);
  }

  dispose(): void {
    this.optimizer.dispose();
  }

  private iterations(): number {
    return (this.optimizer as unknown as { iterations: number }).iterations;
  }

  private nonTrainableValues(): Float32Array[] {
    return this.model.nonTrainableWeights.map((weight) => weight.read().dataSync() as Float32Array);
  }
}
