// For the training tests: tiny data and a tiny network, so the loop's behaviour can be tested on
// the slow `cpu` backend in well under a second per epoch.
import * as tf from '@tensorflow/tfjs';
import type { LabeledImages } from '../data/labeled-images';
import type { BatchResult, BatchTrainer } from '../train/batch-trainer';

export const toySide = 6;

/** `count` 6×6 images: class 0 a bright horizontal bar, class 1 a vertical one, at varying places. */
export function toyImages(count: number): LabeledImages {
  const size = toySide * toySide;
  const images = new Uint8Array(count * size);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const line = 1 + ((i >> 1) % 4);
    labels[i] = label;
    for (let y = 0; y < toySide; y++) {
      for (let x = 0; x < toySide; x++) {
        const ink = label === 0 ? y === line : x === line;
        images[i * size + y * toySide + x] = ink ? 200 + ((i * 7) % 55) : (i * 13 + x * 3 + y) % 30;
      }
    }
  }
  return {
    name: 'toy',
    images,
    labels,
    count,
    width: toySide,
    height: toySide,
    channels: 1,
    classNames: ['horizontal', 'vertical'],
  };
}

/** conv3×3(4)-BN-ReLU → pool → dropout → dense softmax: every layer kind the zoo trains, tiny. */
export function tinyModel(seed: number, options: { batchNorm?: boolean } = {}): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      inputShape: [toySide, toySide, 1],
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
    }),
  );
  if (options.batchNorm !== false) model.add(tf.layers.batchNormalization({ momentum: 0.9 }));
  model.add(tf.layers.reLU());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(
    tf.layers.dense({
      units: 2,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
    }),
  );
  return model;
}

/** A trainer that replays scripted losses and records what the loop asked of it (no tensors). */
export class ScriptedTrainer implements BatchTrainer {
  readonly learningRates: number[] = [];
  readonly batchSizes: number[] = [];
  private step = 0;
  weights: Float32Array[] = [new Float32Array([0])];

  constructor(private readonly lossAt: (step: number) => number) {}

  async trainBatch(_x: Float32Array, _labels: Int32Array, batchSize: number): Promise<BatchResult> {
    this.batchSizes.push(batchSize);
    const loss = this.lossAt(this.step);
    this.step += 1;
    this.weights = [new Float32Array([this.step])];
    return { loss, accuracy: 1 / (1 + loss) };
  }

  setLearningRate(learningRate: number): void {
    this.learningRates.push(learningRate);
  }

  async getWeights(): Promise<Float32Array[]> {
    return this.weights.map((weight) => weight.slice());
  }

  async setWeights(weights: readonly Float32Array[]): Promise<void> {
    this.weights = weights.map((weight) => weight.slice());
  }

  async dispose(): Promise<void> {}
}
