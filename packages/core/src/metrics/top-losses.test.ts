import { describe, expect, it } from 'vitest';
import { sampleLoss, topLosses } from './top-losses';

describe('topLosses', () => {
  const labels = ['cat', 'dog', 'owl'];
  const outcomes = {
    trueClasses: new Int32Array([0, 1, 2, 0, 1]),
    predictedClasses: new Int32Array([0, 0, 2, 1, 0]),
    confidences: new Float32Array([0.9, 0.8, 0.6, 0.99, 0.8]),
    trueProbabilities: new Float32Array([0.9, 0.15, 0.6, 0, 0.15]),
  };

  it('selects the highest-loss samples, highest first, ties in data order', () => {
    const worst = topLosses(outcomes, labels, 3);
    expect(worst.map((w) => w.index)).toEqual([3, 1, 4]);
    expect(worst[1]).toMatchObject({ index: 1, actual: 'dog', predicted: 'cat' });
    expect(worst[1].confidence).toBeCloseTo(0.8, 6);
    expect(worst[1].loss).toBeCloseTo(-Math.log(0.15), 6);
  });

  it('keeps the loss finite when the true class got probability 0', () => {
    const [first] = topLosses(outcomes, labels, 1);
    expect(first.trueProbability).toBe(0);
    expect(Number.isFinite(first.loss)).toBe(true);
    expect(first.loss).toBeCloseTo(-Math.log(1e-7), 6);
  });

  it('returns every sample when asked for more than exist, and none for 0', () => {
    expect(topLosses(outcomes, labels, 99)).toHaveLength(5);
    expect(topLosses(outcomes, labels, 0)).toEqual([]);
    expect(sampleLoss(1)).toBe(0);
  });
});
