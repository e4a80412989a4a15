import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '@glyph/core/image';
import type { ModelMetadata } from '@glyph/core/model';
import type { Prediction, Recognition, Recognizer } from '@glyph/core/recognize';

const side = 28;

/** Counts forward passes so tests can see micro-batching at work. */
export interface ForwardPassCounter {
  passes: number;
  batchSizes: number[];
  /** When set, every batch waits for it first (to hold the model busy). */
  gate?: Promise<void>;
  /** Batches that have reached the gate. */
  held?: number;
}

/**
 * A real (tiny) TF.js network behind the Recognizer interface, for server tests: nearest-neighbour
 * resize to 28×28, ink bright on dark, one dense softmax layer with seeded weights. Its answers are
 * deterministic, so batched and unbatched answers can be compared exactly.
 */
export function createTinyRecognizer(metadata: ModelMetadata, counter: ForwardPassCounter): Recognizer {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [side, side, 1] }),
      tf.layers.dense({
        units: metadata.labels.length,
        activation: 'softmax',
        kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.5, seed: 7 }),
      }),
    ],
  });

  async function recognizeBatch(
    images: readonly RawImage[],
    options: { top?: number; debug?: boolean } = {},
  ) {
    if (counter.gate) {
      counter.held = (counter.held ?? 0) + 1;
      await counter.gate;
    }
    const inputs = images.map(toInput);
    const nonEmpty = inputs.map((input) => input.some((value) => value > 0.1));
    counter.passes += 1;
    counter.batchSizes.push(images.length);
    const stacked = new Float32Array(images.length * side * side);
    inputs.forEach((input, index) => stacked.set(input, index * side * side));
    const probabilities = tf.tidy(() => {
      const batch = tf.tensor4d(stacked, [images.length, side, side, 1]);
      return (model.predict(batch) as tf.Tensor).dataSync() as Float32Array;
    });
    return inputs.map((input, index): Recognition => {
      const row = probabilities.subarray(
        index * metadata.labels.length,
        (index + 1) * metadata.labels.length,
      );
      const predictions = nonEmpty[index] ? topK(row, metadata.labels, options.top ?? 5) : [];
      return { empty: !nonEmpty[index], predictions, ...(options.debug ? { input } : {}) };
    });
  }

  return {
    metadata,
    recognizeBatch,
    async recognize(image, options) {
      return (await recognizeBatch([image], options))[0];
    },
    async recognizeSequence(image, options) {
      const [single] = await recognizeBatch([image], options);
      const box = { x: 0, y: 0, width: image.width, height: image.height };
      return {
        empty: single.empty,
        text: single.predictions[0]?.label ?? '',
        characters: single.empty ? [] : [{ box, predictions: single.predictions }],
      };
    },
    dispose: () => model.dispose(),
  };
}

function toInput(image: RawImage): Float32Array {
  const input = new Float32Array(side * side);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const sourceX = Math.floor(((x + 0.5) * image.width) / side);
      const sourceY = Math.floor(((y + 0.5) * image.height) / side);
      const offset = (sourceY * image.width + sourceX) * image.channels;
      input[y * side + x] = 1 - image.data[offset] / 255;
    }
  }
  return input;
}

function topK(row: Float32Array, labels: readonly string[], k: number): Prediction[] {
  return [...row]
    .map((confidence, index) => ({ label: labels[index], confidence }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, k);
}
