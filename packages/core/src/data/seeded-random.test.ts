import { describe, expect, it } from 'vitest';
import { mulberry32, shuffleInPlace } from './seeded-random';

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('returns floats in [0, 1) with a plausible mean', () => {
    const random = mulberry32(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      sum += value;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});

describe('shuffleInPlace', () => {
  it('permutes deterministically and keeps every element', () => {
    const first = shuffleInPlace(
      Array.from({ length: 20 }, (_, i) => i),
      mulberry32(1),
    );
    const again = shuffleInPlace(
      Array.from({ length: 20 }, (_, i) => i),
      mulberry32(1),
    );
    expect(again).toEqual(first);
    expect(first).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect([...first].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const typed = shuffleInPlace(
      Int32Array.from({ length: 20 }, (_, i) => i),
      mulberry32(1),
    );
    expect(Array.from(typed)).toEqual(first);
  });
});
