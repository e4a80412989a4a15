import { describe, expect, it } from 'vitest';
import type { Component } from './label-components';
import { keepStrokes } from './remove-specks';

/** A component filling the box from (minX, minY) to (maxX, maxY). */
function piece(label: number, minX: number, minY: number, maxX: number, maxY: number): Component {
  return { label, area: (maxX - minX + 1) * (maxY - minY + 1), minX, minY, maxX, maxY };
}

/** The stem of an i written with a 2 px pen on a 140×140 working image: area 400. */
const stem = piece(1, 69, 30, 70, 229);
const pixelCount = 140 * 140;
const kept = (components: Component[]) => keepStrokes(components, pixelCount).map((c) => c.label);

describe('keepStrokes', () => {
  it('keeps the dot of a thin-pen i above its stem though it is under 2% of the stem', () => {
    const dot = piece(2, 69, 12, 70, 13); // 4 px, 1% of the stem, 16 px above it
    expect(kept([dot, stem])).toEqual([2, 1]);
  });

  it('keeps a dot slanted off the stem’s column, up to half the stem’s length away', () => {
    expect(kept([piece(2, 80, 0, 81, 1), stem])).toEqual([2, 1]);
  });

  it('drops the same mark away from the writing: beside it, or more than half a stem below it', () => {
    expect(kept([piece(2, 5, 100, 6, 101), stem])).toEqual([1]);
    const shortStem = piece(1, 69, 0, 70, 99); // area 200: a 3 px mark is under 2%
    expect(kept([shortStem, piece(2, 69, 150, 71, 150)])).toEqual([1, 2]);
    expect(kept([shortStem, piece(2, 69, 151, 71, 151)])).toEqual([1]);
  });

  it('drops single pixels wherever they are, and keeps any piece over 2% of the largest', () => {
    expect(kept([piece(2, 70, 20, 70, 20), stem])).toEqual([1]);
    expect(kept([piece(2, 5, 5, 7, 7), stem])).toEqual([2, 1]);
  });
});
