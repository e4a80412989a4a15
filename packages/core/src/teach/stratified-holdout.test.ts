import { describe, expect, it } from 'vitest';
import { stratifiedHoldout } from './stratified-holdout';

describe('stratifiedHoldout', () => {
  it('holds out about the fraction of every class, at least one of each class of 3 or more, disjointly', () => {
    // Class 0: 10 samples, class 1: 3, class 2: 2, class 3: 1.
    const labels = [...new Array(10).fill(0), 1, 1, 1, 2, 2, 3];
    const split = stratifiedHoldout(labels, 0.2, 7);
    const heldPerClass = [0, 1, 2, 3].map((c) => split.holdout.filter((i) => labels[i] === c).length);
    expect(heldPerClass).toEqual([2, 1, 0, 0]);
    expect(new Set([...split.train, ...split.holdout]).size).toBe(labels.length);
    expect(split.train.length + split.holdout.length).toBe(labels.length);
  });

  it('depends on the seed, repeats with the same seed, and holds out nothing at fraction 0', () => {
    const labels = Array.from({ length: 40 }, (_, i) => i % 4);
    expect(stratifiedHoldout(labels, 0.25, 1)).toEqual(stratifiedHoldout(labels, 0.25, 1));
    expect(stratifiedHoldout(labels, 0.25, 1).holdout).not.toEqual(
      stratifiedHoldout(labels, 0.25, 2).holdout,
    );
    expect(stratifiedHoldout(labels, 0, 1).holdout).toEqual([]);
  });
});
