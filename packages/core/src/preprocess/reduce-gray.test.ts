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
