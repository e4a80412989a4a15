import { describe, expect, it } from 'vitest';
import { otsuSplit } from './otsu-split';

function counts(entries: [value: number, count: number][]): Uint32Array {
  const histogram = new Uint32Array(256);
  for (const [value, count] of entries) histogram[value] += count;
  return histogram;
}

describe('otsuSplit', () => {
  it('splits two tones between them and explains all of the variance', () => {
    const split = otsuSplit(
      counts([
        [30, 700],
        [220, 300],
      ]),
    );
    expect(split?.threshold).toBeGreaterThanOrEqual(30);
    expect(split?.threshold).toBeLessThan(220);
    expect(split?.separability).toBeCloseTo(1, 10);
  });

  it('puts the split where the classes are best apart, not at the middle of the range', () => {
    // Ink 0–20 and paper 200–255 with a soft edge at 40–60: the cut falls between edge and paper.
    const entries: [number, number][] = [];
    for (let v = 0; v <= 20; v++) entries.push([v, 10]);
    for (let v = 40; v <= 60; v++) entries.push([v, 5]);
    for (let v = 200; v <= 255; v++) entries.push([v, 40]);
    const split = otsuSplit(counts(entries));
    expect(split?.threshold).toBeGreaterThanOrEqual(60);
    expect(split?.threshold).toBeLessThan(200);
    expect(split?.separability).toBeGreaterThan(0.9);
  });

  it('scores uniform noise at about 0.75, below the cleanly two-toned', () => {
    const split = otsuSplit(counts(Array.from({ length: 256 }, (_, v) => [v, 100] as [number, number])));
    expect(split?.threshold).toBe(127);
    expect(split?.separability).toBeCloseTo(0.75, 2);
  });

  it('has no split for a single value or an empty histogram', () => {
    expect(otsuSplit(counts([[128, 50]]))).toBeUndefined();
    expect(otsuSplit(new Uint32Array(256))).toBeUndefined();
  });
});
