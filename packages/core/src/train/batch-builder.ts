import type { Augmenter } from '../augment/augmenter';
import type { LabeledImages } from '../data/labeled-images';

/**
 * Fills `x` (float32 in [0,1], `[size, height, width, channels]` flattened) and `labels` with the
 * images `order[start .. start+size)` of `set` (`order` null: images `start .. start+size)`). Pixels stay uint8 in the set and become float one
 * batch at a time, so a whole dataset never exists as float32. With `augment`, each image is a
 * random variant drawn from `random`.
 */
export function fillBatch(
  set: LabeledImages,
  order: ArrayLike<number> | null,
  start: number,
  size: number,
  x: Float32Array,
  labels: Int32Array,
  augment?: { augmenter: Augmenter; random: () => number },
): void {
  const imageSize = set.width * set.height * set.channels;
  const shape = { width: set.width, height: set.height, channels: set.channels };
  for (let i = 0; i < size; i++) {
    const index = order ? order[start + i] : start + i;
    const source = set.images.subarray(index * imageSize, (index + 1) * imageSize);
    const target = x.subarray(i * imageSize, (i + 1) * imageSize);
    labels[i] = set.labels[index];
    if (augment) {
      augment.augmenter(source, target, shape, augment.random, set.classNames[set.labels[index]]);
    } else {
      for (let p = 0; p < imageSize; p++) target[p] = source[p] / 255;
    }
  }
}
