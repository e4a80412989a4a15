import { describe, expect, it } from 'vitest';
import { mostConfused } from './most-confused';

const matrix = [
  [50, 3, 0],
  [7, 40, 3],
  [1, 0, 60],
];
const labels = ['4', '9', '7'];

describe('mostConfused', () => {
  it('lists off-diagonal cells, largest first, ties in matrix order', () => {
    expect(mostConfused(matrix, labels)).toEqual([
      { actual: '9', predicted: '4', count: 7 },
      { actual: '4', predicted: '9', count: 3 },
      { actual: '9', predicted: '7', count: 3 },
      { actual: '7', predicted: '4', count: 1 },
    ]);
  });

  it('honours minCount and limit', () => {
    expect(mostConfused(matrix, labels, { minCount: 3 }).map((p) => p.count)).toEqual([7, 3, 3]);
    expect(mostConfused(matrix, labels, { limit: 1 })).toEqual([{ actual: '9', predicted: '4', count: 7 }]);
  });

  it('is empty for a perfect model', () => {
    expect(
      mostConfused(
        [
          [2, 0],
          [0, 3],
        ],
        ['a', 'b'],
      ),
    ).toEqual([]);
  });
});
