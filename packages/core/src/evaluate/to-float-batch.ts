/** Per-channel normalisation applied after scaling to [0,1], as in training (`photo` spec). */
export interface InputNormalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/**
 * Converts `count` uint8 images starting at image `start` to model input: float32 in [0,1], then
 * `(x - mean[c]) / std[c]` per channel when `normalization` is given. Done per batch so a 100k-image
 * split never exists as float32 at once.
 */
export function toFloatBatch(
  images: Uint8Array,
  start: number,
  count: number,
  valuesPerImage: number,
  channels: number,
  normalization?: InputNormalization,
): Float32Array {
  const bytes = images.subarray(start * valuesPerImage, (start + count) * valuesPerImage);
  const out = new Float32Array(bytes.length);
  if (normalization === undefined) {
    for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 255;
    return out;
  }
  const scale = Array.from({ length: channels }, (_, c) => 1 / (normalization.std[c] ?? 1));
  const shift = Array.from({ length: channels }, (_, c) => normalization.mean[c] ?? 0);
  for (let i = 0; i < bytes.length; i++) {
    const c = i % channels;
    out[i] = (bytes[i] / 255 - shift[c]) * scale[c];
  }
  return out;
}
