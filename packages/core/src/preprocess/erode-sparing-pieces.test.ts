import { describe, expect, it } from 'vitest';
import { erodeSparingPieces } from './erode-sparing-pieces';
import type { FloatPlane } from './planes';
import { erode } from './stroke-width';

/** A 40×64 plane with full ink in the given row bands, columns 4–35. */
function bands(...rows: [number, number][]): FloatPlane {
  const plane = { data: new Float32Array(40 * 64), width: 40, height: 64 };
  for (const [top, bottom] of rows) {
    for (let y = top; y <= bottom; y++) plane.data.fill(1, y * 40 + 4, y * 40 + 36);
  }
  return plane;
}

const inkInRows = (plane: FloatPlane, top: number, bottom: number) =>
  plane.data.subarray(top * 40, (bottom + 1) * 40).some((value) => value >= 0.5);

describe('erodeSparingPieces', () => {
  // The i of a letter dataset that stretches each glyph to its frame: a fat stem under a thin dot.
  const i = bands([4, 9], [16, 59]);

  it('thins the stem as erosion does but keeps a dot that erosion would erase', () => {
    expect(inkInRows(erode(i, 8), 0, 12)).toBe(false);
    const thinned = erodeSparingPieces(i, 8, 12);
    expect(inkInRows(thinned, 4, 9)).toBe(true);
    const eroded = erode(i, 8);
    expect(thinned.data.subarray(20 * 40)).toEqual(eroded.data.subarray(20 * 40));
  });

  it('erodes exactly as erode when every piece has erosion to spare, or there is one piece', () => {
    const sameWidths = bands([4, 25], [34, 59]);
    expect(erodeSparingPieces(sameWidths, 3, 12).data).toEqual(erode(sameWidths, 3).data);
    const one = bands([4, 59]);
    expect(erodeSparingPieces(one, 8, 12).data).toEqual(erode(one, 8).data);
  });
});
