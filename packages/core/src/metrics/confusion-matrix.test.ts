import { describe, expect, it } from 'vitest';
import { accuracyFromConfusion, confusionMatrix } from './confusion-matrix';

describe('confusionMatrix', () => {
  it('counts (true, predicted) pairs with true classes as rows', () => {
    const matrix = confusionMatrix([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 2], 3);
    expect(matrix).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(accuracyFromConfusion(matrix)).toBeCloseTo(4 / 6, 12);
  });

  it('accepts typed arrays and gives an all-zero matrix for no samples', () => {
    expect(confusionMatrix(new Int32Array([1]), new Int32Array([0]), 2)).toEqual([
      [0, 0],
      [1, 0],
    ]);
    const empty = confusionMatrix([], [], 2);
    expect(empty).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(accuracyFromConfusion(empty)).toBe(0);
  });

  it('rejects mismatched lengths and out-of-range classes with SHAPE_MISMATCH', () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(/true class 2, outside 0\.\.1/);
    expect(() => confusionMatrix([0, 1], [0, -1], 2)).toThrow(/predicted class -1/);
    expect(() => confusionMatrix([0], [0], 0)).toThrow(expect.objectContaining({ code: 'BAD_USAGE' }));
  });
});
