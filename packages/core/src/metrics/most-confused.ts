/** One off-diagonal cell of the confusion matrix: `count` samples of `actual` predicted as `predicted`. */
export interface ConfusedPair {
  readonly actual: string;
  readonly predicted: string;
  readonly count: number;
}

export interface MostConfusedOptions {
  /** Keep pairs with at least this many mistakes (default 1). */
  readonly minCount?: number;
  /** Keep at most this many pairs (default all). */
  readonly limit?: number;
}

/**
 * The off-diagonal cells of a confusion matrix, largest first: which classes the model mixes up and
 * in which direction (fastai's `most_confused`). Ties keep matrix order, so the result is stable.
 */
export function mostConfused(
  matrix: readonly (readonly number[])[],
  labels: readonly string[],
  options: MostConfusedOptions = {},
): ConfusedPair[] {
  const minCount = Math.max(1, options.minCount ?? 1);
  const pairs: ConfusedPair[] = [];
  matrix.forEach((row, t) => {
    row.forEach((count, p) => {
      if (t !== p && count >= minCount) pairs.push({ actual: labels[t], predicted: labels[p], count });
    });
  });
  pairs.sort((a, b) => b.count - a.count);
  return options.limit === undefined ? pairs : pairs.slice(0, Math.max(0, options.limit));
}
