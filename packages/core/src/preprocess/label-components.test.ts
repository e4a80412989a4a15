import { describe, expect, it } from 'vitest';
import { labelComponents } from './label-components';

/** Parses a picture where '#' is ink (255) and '.' is background. */
function picture(rows: string[]) {
  const width = rows[0].length;
  const data = Uint8Array.from(rows.join(''), (char) => (char === '#' ? 255 : 0));
  return { data, width, height: rows.length };
}

describe('labelComponents', () => {
  it('joins diagonal neighbours and runs that meet lower down (a U), keeps islands apart', () => {
    const result = labelComponents(
      picture(['#...#..##', '#...#....', '.#.#...#.', '..#......', '........#']),
    );
    expect(
      result.components.map(({ area, minX, minY, maxX, maxY }) => ({ area, minX, minY, maxX, maxY })),
    ).toEqual([
      { area: 7, minX: 0, minY: 0, maxX: 4, maxY: 3 },
      { area: 2, minX: 7, minY: 0, maxX: 8, maxY: 0 },
      { area: 1, minX: 7, minY: 2, maxX: 7, maxY: 2 },
      { area: 1, minX: 8, minY: 4, maxX: 8, maxY: 4 },
    ]);
    expect(result.labels[2 * 9 + 3]).toBe(1);
    expect(result.labels[0 * 9 + 8]).toBe(2);
    expect(result.labels[1 * 9 + 1]).toBe(0);
  });

  it('does not join runs two rows apart or across the image edge', () => {
    const result = labelComponents(picture(['#..', '...', '..#', '#..']));
    expect(result.components).toHaveLength(3);
  });

  it('ignores ink below the threshold', () => {
    const faint = { data: Uint8Array.of(63, 64, 10, 200), width: 2, height: 2 };
    expect(labelComponents(faint).components.map((c) => c.area)).toEqual([2]);
  });
});
