import type { LabeledImages } from '@glyph/core';

/**
 * Stratified k-fold assignment by content: within each class, images are ordered by the hash of their
 * bytes (or their index when a set has none) and dealt to folds in turn, so every fold holds about
 * 1/k of every class and the split does not change between runs or machines.
 */
export function assignFolds(set: LabeledImages, folds: number): Int32Array {
  const fold = new Int32Array(set.count);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < set.count; i++) {
    const members = byClass.get(set.labels[i]) ?? [];
    members.push(i);
    byClass.set(set.labels[i], members);
  }
  let next = 0;
  for (const members of byClass.values()) {
    const key = (i: number) => set.contentHashes?.[i] ?? i;
    members.sort((a, b) => key(a) - key(b) || a - b);
    // Continue dealing where the last class stopped, so small classes do not all start at fold 0.
    for (const i of members) fold[i] = next++ % folds;
  }
  return fold;
}
