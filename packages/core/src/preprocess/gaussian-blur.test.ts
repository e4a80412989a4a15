import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/seeded-random';
import { SIGMA_ONE_KERNEL, gaussianBlurSigmaOne } from './gaussian-blur';
import type { FloatPlane } from './planes';

/** The blur by its definition: every tap with its bounds check, in kernel order. */
function referenceBlur({ data, width, height }: FloatPlane): Float32Array {
  const tap = (values: ArrayLike<number>, size: number, at: (k: number) => number, position: number) => {
    let sum = 0;
    for (let k = -3; k <= 3; k++) {
      if (position + k >= 0 && position + k < size) sum += values[at(k)] * SIGMA_ONE_KERNEL[k + 3];
    }
    return sum;
  };
  const rows = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows[y * width + x] = tap(data, width, (k) => y * width + x + k, x);
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = tap(rows, height, (k) => (y + k) * width + x, y);
  }
  return out;
}

describe('gaussianBlurSigmaOne', () => {
  it('gives exactly the bits of the tap-by-tap definition, edges and tiny planes included', () => {
    const random = mulberry32(9);
    for (const [width, height] of [
      [1, 1],
      [2, 9],
      [6, 6],
      [7, 7],
      [8, 3],
      [13, 5],
      [40, 33],
      [134, 97],
    ]) {
      // Mostly 0 (background) with strokes of [0, 1], as the ink recipes hand it over.
      const data = Float32Array.from({ length: width * height }, () => (random() < 0.6 ? 0 : random()));
      const blurred = gaussianBlurSigmaOne({ data, width, height });
      expect([blurred.width, blurred.height]).toEqual([width, height]);
      // Compared as bit patterns: -0 and 0, or a last-bit difference, would fail.
      const bits = (values: Float32Array) => Array.from(new Uint32Array(values.buffer));
      expect(bits(blurred.data)).toEqual(bits(referenceBlur({ data, width, height })));
    }
  });

  it('keeps the total ink of a dot far from the edges and spreads it symmetrically', () => {
    const data = new Float32Array(15 * 15);
    data[7 * 15 + 7] = 1;
    const { data: out } = gaussianBlurSigmaOne({ data, width: 15, height: 15 });
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(out[7 * 15 + 6]).toBe(out[7 * 15 + 8]);
    expect(out[6 * 15 + 7]).toBe(out[8 * 15 + 7]);
    expect(out[7 * 15 + 7]).toBeCloseTo(SIGMA_ONE_KERNEL[3] ** 2, 7);
  });
});
