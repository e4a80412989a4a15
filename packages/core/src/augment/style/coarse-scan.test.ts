import { describe, expect, it } from 'vitest';
import { bilinear, blockwise, coarseScan } from './coarse-scan';

const plane = (width: number, height: number, values: number[]) => ({
  data: Float32Array.from(values),
  width,
  height,
});

describe('coarse scans', () => {
  it('blows cells up blockwise', () => {
    const out = blockwise(plane(2, 1, [0, 1]), 3);
    expect([out.width, out.height]).toEqual([6, 3]);
    expect(Array.from(out.data.subarray(0, 6))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('blows cells up smoothly: cell values at their centres, a ramp between, flat beyond', () => {
    const out = bilinear(plane(2, 1, [0, 1]), 4);
    const row = Array.from(out.data.subarray(0, 8), (v) => Math.round(v * 1000) / 1000);
    expect(row).toEqual([0, 0, 0.125, 0.375, 0.625, 0.875, 1, 1]);
    for (let x = 1; x < 8; x++) expect(row[x]).toBeGreaterThanOrEqual(row[x - 1]);
  });

  it('keeps the character’s ink while coarsening it to at most 16 cells', () => {
    // A 64×64 ring.
    const size = 64;
    const data = new Float32Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const r = Math.hypot(x - 31.5, y - 31.5);
        data[y * size + x] = r > 20 && r < 28 ? 1 : 0;
      }
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 20; trial++) {
      const out = coarseScan({ data, width: size, height: size }, random);
      const ink = out.data.reduce((sum, v) => sum + v, 0) / (out.width * out.height);
      const original = data.reduce((sum, v) => sum + v, 0) / data.length;
      expect(Math.abs(ink - original)).toBeLessThan(0.15);
      // The centre of the ring stays empty.
      expect(out.data[(out.height >> 1) * out.width + (out.width >> 1)]).toBeLessThan(0.5);
    }
  });
});
