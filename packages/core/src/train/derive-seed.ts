/**
 * A 32-bit seed derived from a base seed and a path of integers (e.g. `[epoch, stream]`), so each
 * epoch, step and purpose gets its own reproducible random stream that does not depend on how many
 * numbers earlier streams consumed — which is what makes a resumed run replay an uninterrupted one.
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  let hash = Math.imul((seed >>> 0) ^ 0x85ebca6b, 0xc2b2ae35) >>> 0;
  for (const part of path) {
    hash = Math.imul(hash ^ (part >>> 0), 0x9e3779b1) >>> 0;
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b) >>> 0;
    hash ^= hash >>> 13;
  }
  return hash >>> 0;
}

/** Named random streams of the training loop (values are part of the reproducibility contract). */
export const randomStreams = { shuffle: 1, augment: 2, dropout: 3 } as const;
