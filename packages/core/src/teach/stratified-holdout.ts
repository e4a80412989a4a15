import { mulberry32, shuffleInPlace } from '../data/seeded-random';

export interface HoldoutSplit {
  /** Indices of the samples to train on, ascending. */
  readonly train: readonly number[];
  /** Indices of the held-out samples (never trained on), ascending. */
  readonly holdout: readonly number[];
}

/**
 * Holds out `round(fraction · n)` samples of every class, seeded, and at least one of each class with
 * 3 or more samples, so the report covers every class it can. A class of 1 or 2 samples keeps them
 * all for training (holding one out would leave too little to learn from).
 */
export function stratifiedHoldout(labels: ArrayLike<number>, fraction: number, seed: number): HoldoutSplit {
  const random = mulberry32(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const members = byClass.get(labels[i]) ?? [];
    members.push(i);
    byClass.set(labels[i], members);
  }
  const train: number[] = [];
  const holdout: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(byClass.get(label) ?? [], random);
    const wanted =
      members.length < 3 || !(fraction > 0) ? 0 : Math.max(1, Math.round(fraction * members.length));
    const held = Math.min(wanted, members.length - 2);
    holdout.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  const ascending = (a: number, b: number) => a - b;
  return { train: train.sort(ascending), holdout: holdout.sort(ascending) };
}
