import type { ImageShape } from './augmenter';

/** Mean of the outermost pixel ring (all channels), 0..255: the background level of a glyph image. */
export function borderMean(source: Uint8Array, shape: ImageShape): number {
  const { width, height, channels } = shape;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    const step = y === 0 || y === height - 1 ? 1 : Math.max(1, width - 1);
    for (let x = 0; x < width; x += step) {
      for (let channel = 0; channel < channels; channel++)
        sum += source[(y * width + x) * channels + channel];
      count += channels;
    }
  }
  return count === 0 ? 0 : sum / count;
}
