import { describe, expect, it } from 'vitest';
import { calibrationError } from './calibration-error';

describe('calibrationError', () => {
  it('is zero when each bin is right as often as it is confident', () => {
    // 10 samples at 0.8 with 8 right, 10 at 0.5 with 5 right.
    const confidences = [...Array(10).fill(0.8), ...Array(10).fill(0.5)];
    const correct = [...Array(10).keys()].map((i) => i < 8).concat([...Array(10).keys()].map((i) => i < 5));
    expect(calibrationError(confidences, correct).ece).toBeCloseTo(0, 10);
  });

  it('weighs each bin gap by its share of samples (15 equal-width bins)', () => {
    // 30 samples at 0.99 of which 21 are right (gap 0.28), 10 at 0.3 all wrong (gap 0.3).
    const confidences = [...Array(30).fill(0.99), ...Array(10).fill(0.3)];
    const correct = [...Array(30).keys()].map((i) => i < 21).concat(Array(10).fill(false));
    const result = calibrationError(confidences, correct);
    expect(result.bins).toHaveLength(15);
    expect(result.ece).toBeCloseTo((30 / 40) * (0.99 - 0.7) + (10 / 40) * 0.3, 10);
    expect(result.maxGap).toBeCloseTo(0.3, 10);
    expect(result.bins[14]).toMatchObject({ count: 30, accuracy: 0.7 });
    // Bins are (lower, upper]: 0.3 falls in (4/15, 5/15].
    expect(result.bins[4].count).toBe(10);
  });

  it('gives 0 for no samples rather than NaN', () => {
    expect(calibrationError([], []).ece).toBe(0);
  });
});
