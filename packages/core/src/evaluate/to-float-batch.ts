/**
 * Converts `count` uint8 images starting at image `start` to model input, float32 in [0,1] — the
 * same scaling training uses. Done per batch so a 100k-image split never exists as float32 at once.
 */
export function toFloatBatch(
  images: Uint8Array,
  start: number,
  count: number,
  valuesPerImage: number,
): Float32Array {
  const bytes = images.subarray(start * valuesPerImage, (start + count) * valuesPerImage);
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 255;
  return out;
}
