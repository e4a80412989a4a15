import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/seeded-random';
import { preprocess } from '../preprocess/preprocess';
import { inkShape } from './ink-shape';
import { drawNonCharacter, MAX_LINE_ANGLE_DEGREES, NON_CHARACTER_KINDS } from './non-characters';

const spec = { kind: 'ink-mnist' } as const;
const sameInk = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.prototype.every.call(a, (value: number, i: number) => value === b[i]);
const input = { width: 28, height: 28, channels: 1 } as const;

describe('drawNonCharacter', () => {
  it('draws the same ink for the same seed and other ink for another', () => {
    for (const kind of NON_CHARACTER_KINDS) {
      const a = drawNonCharacter(kind, mulberry32(9));
      const b = drawNonCharacter(kind, mulberry32(9));
      const c = drawNonCharacter(kind, mulberry32(10));
      expect(sameInk(a.data, b.data)).toBe(true);
      expect(a.width === c.width && sameInk(a.data, c.data)).toBe(false);
    }
  });

  it('keeps lines away from the vertical, where a 1, l or I would be', () => {
    const random = mulberry32(4);
    for (let i = 0; i < 40; i++) {
      const prepared = preprocess(drawNonCharacter('line', random), spec, input);
      const shape = inkShape(prepared.input, 28, 28);
      // |sin| of the main axis against the horizontal: at most sin(45°) plus the pen's rounding.
      expect(shape[9]).toBeLessThan(Math.sin((MAX_LINE_ANGLE_DEGREES * Math.PI) / 180) + 0.1);
    }
  });

  it('draws dots as compact blobs and scribbles that mostly cross themselves, with ink', () => {
    const random = mulberry32(6);
    let crossing = 0;
    for (let i = 0; i < 20; i++) {
      const dot = preprocess(drawNonCharacter('dot', random), spec, input);
      const scribble = preprocess(drawNonCharacter('scribble', random), spec, input);
      // A dab of a very thin pen can fall under the speck filter: "no ink" is a fine answer for it.
      if (dot.empty || scribble.empty) continue;
      // Elongation (minor over major axis) far from a line's (about 0.1) for a dab.
      expect(inkShape(dot.input, 28, 28)[8]).toBeGreaterThan(0.25);
      // A thick pen can fill a small scribble solid; most leave gaps a row or column crosses 3+ times.
      const [, , , , , rowMost, , columnMost] = inkShape(scribble.input, 28, 28);
      if (Math.max(rowMost, columnMost) >= 3) crossing++;
    }
    expect(crossing).toBeGreaterThanOrEqual(14);
  });
});
