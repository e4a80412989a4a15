import * as tf from '@tensorflow/tfjs';
import type { LabeledImages } from '../data/labeled-images';
import type { Augmenter } from '../augment/augmenter';
import { mulberry32 } from '../data/seeded-random';

/**
 * What the frozen part of a backbone makes of every image, computed once: view 0 of each image is
 * the image itself, views 1… are augmented copies, so training can show a different variant each
 * epoch without running the backbone again. Row `(view * count + i)` holds image i's activations.
 */
export interface FeatureCache {
  readonly values: Float32Array;
  /** Shape of one image's activations (e.g. [7, 7, 320] or [1280]). */
  readonly shape: readonly number[];
  readonly count: number;
  readonly views: number;
}

export interface CacheOptions {
  readonly views: number;
  readonly augmenter?: Augmenter;
  readonly seed: number;
  /** Per-channel (x - mean) / std after scaling bytes to [0,1]. */
  readonly mean?: readonly number[];
  readonly std?: readonly number[];
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function cacheFeatures(
  lower: tf.LayersModel,
  set: LabeledImages,
  options: CacheOptions,
): Promise<FeatureCache> {
  const views = options.augmenter ? options.views : 1;
  const batchSize = options.batchSize ?? 16;
  const shape = lower.outputs[0].shape.slice(1) as number[];
  const size = shape.reduce((a, b) => a * b, 1);
  const imageSize = set.width * set.height * set.channels;
  const values = new Float32Array(views * set.count * size);
  const random = mulberry32(options.seed);
  const variant = new Float32Array(imageSize);
  const total = views * set.count;
  for (let start = 0; start < total; start += batchSize) {
    const end = Math.min(total, start + batchSize);
    const batch = new Float32Array((end - start) * imageSize);
    for (let row = start; row < end; row++) {
      const view = Math.floor(row / set.count);
      const source = set.images.subarray((row % set.count) * imageSize, ((row % set.count) + 1) * imageSize);
      const label = set.classNames[set.labels[row % set.count]];
      if (view > 0 && options.augmenter) {
        options.augmenter(
          source,
          variant,
          { width: set.width, height: set.height, channels: set.channels },
          random,
          label,
        );
      }
      if (view === 0) for (let k = 0; k < imageSize; k++) variant[k] = source[k] / 255;
      normalize(variant, batch.subarray((row - start) * imageSize), set.channels, options);
    }
    const out = tf.tidy(
      () =>
        lower.predict(tf.tensor4d(batch, [end - start, set.height, set.width, set.channels])) as tf.Tensor,
    );
    values.set(await out.data(), start * size);
    out.dispose();
    options.onProgress?.(end, total);
  }
  return { values, shape, count: set.count, views };
}

/** Model input in [0,1] → the backbone's scaling. */
function normalize(unit: Float32Array, out: Float32Array, channels: number, options: CacheOptions): void {
  for (let i = 0; i < unit.length; i++) {
    const channel = i % channels;
    out[i] = (unit[i] - (options.mean?.[channel] ?? 0)) / (options.std?.[channel] ?? 1);
  }
}
