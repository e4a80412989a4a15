/**
 * Mulberry32: a tiny seeded PRNG returning floats in [0, 1). Same seed, same sequence, on every
 * platform — used for validation splits, shuffling and augmentation so runs are reproducible.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place driven by `random` (e.g. `mulberry32(seed)`); returns `items`. */
export function shuffleInPlace<A extends { length: number; [index: number]: unknown }>(
  items: A,
  random: () => number,
): A {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i];
    items[i] = items[j];
    items[j] = swap;
  }
  return items;
}
