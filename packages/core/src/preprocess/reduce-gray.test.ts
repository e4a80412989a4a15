import { describe, expect, it } from 'vitest';
import { toLuminance } from './luminance';
import { reducedLuminance, reductionFactor } from './reduce-gray';

describe('reducedLuminance', () => {
  it('averages whole and partial blocks with integer rounding', () => {
    // 5×3 gray: blocks of 2×2 → 3×2 output, the last column and row partial.
    const data = Uint8Array.of(0, 2, 10, 10, 7, 1, 2, 20, 21, 9, 100, 100, 50, 50, 255);
    const reduced = reducedLuminance({ data, width: 5, height: 3, channels: 1 }, 2);
    expect(reduced).toEqual({ data: Uint8Array.of(1, 15, 8, 100, 50, 255), width: 3, height: 2 });
  });

  it('equals plain luminance at factor 1, and picks factors by the shorter side', () => {
    const rgba = {
      data: Uint8Array.of(255, 0, 0, 255, 0, 0, 0, 128, 9, 9, 9, 0),
      width: 3,
      height: 1,
      channels: 4 as const,
    };
    expect(reducedLuminance(rgba, 1)).toEqual(toLuminance(rgba));
    expect([...toLuminance(rgba).data]).toEqual([77, 127, 255]);
    expect([reductionFactor(280, 280), reductionFactor(1200, 200), reductionFactor(4000, 3000)]).toEqual([
      2, 1, 23,
    ]);
  });
});

describe('reducedLuminance against per-pixel luminance', () => {
  it('gives the block means of toLuminance for RGBA, RGB and gray images at several factors', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
    for (const channels of [1, 3, 4] as const) {
      const width = 37;
      const height = 23;
      const data = new Uint8Array(width * height * channels);
      for (let i = 0; i < data.length; i++) data[i] = next();
      // Alpha mostly opaque or transparent, as on a canvas, with some edge values.
      if (channels === 4)
        for (let i = 3; i < data.length; i += 4) data[i] = [0, 255, 255, next()][next() & 3];
      for (let i = 3; i < data.length; i += 4) data[i] = [0, 255, 255, next()][i % 4 === 3 ? next() & 3 : 0];
      const image = { data, width, height, channels };
      const gray = toLuminance(image).data;
      // RGBA is read a word per pixel when 4-byte aligned, a byte at a time otherwise: both checked.
      const unaligned = new Uint8Array(data.length + 1).subarray(1);
      unaligned.set(data);
      for (const factor of [1, 2, 3, 5]) {
        const reduced = reducedLuminance(image, factor);
        expect(reducedLuminance({ ...image, data: unaligned }, factor)).toEqual(reduced);
        for (let oy = 0; oy < reduced.height; oy++) {
          for (let ox = 0; ox < reduced.width; ox++) {
            let sum = 0;
            let count = 0;
            for (let y = oy * factor; y < Math.min(height, (oy + 1) * factor); y++) {
              for (let x = ox * factor; x < Math.min(width, (ox + 1) * factor); x++, count++)
                sum += gray[y * width + x];
            }
            expect(reduced.data[oy * reduced.width + ox]).toBe(Math.floor((sum + (count >> 1)) / count));
          }
        }
      }
    }
  });
});
