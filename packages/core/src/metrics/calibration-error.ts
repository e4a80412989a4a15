/** One confidence bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Bin bounds on the top confidence, (lower, upper]. */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean top confidence of the bin's samples (0 when empty). */
  readonly confidence: number;
  /** Share of the bin's samples whose top prediction is right (0 when empty). */
  readonly accuracy: number;
}

export interface CalibrationError {
  /** Expected calibration error: Σ (bin count / n) × |accuracy − confidence| over equal-width bins. */
  readonly ece: number;
  /** The largest |accuracy − confidence| of a non-empty bin. */
  readonly maxGap: number;
  readonly bins: readonly ReliabilityBin[];
}

/**
 * Expected calibration error of top-1 confidences (Guo et al.'s definition: equal-width bins over
 * (0, 1], default 15). `confidences[i]` is the top probability of sample i, `correct[i]` whether its
 * top class was right.
 */
export function calibrationError(
  confidences: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  binCount = 15,
): CalibrationError {
  const counts = new Float64Array(binCount);
  const confidenceSums = new Float64Array(binCount);
  const correctSums = new Float64Array(binCount);
  const n = confidences.length;
  for (let i = 0; i < n; i++) {
    const bin = Math.min(binCount - 1, Math.max(0, Math.ceil(confidences[i] * binCount) - 1));
    counts[bin] += 1;
    confidenceSums[bin] += confidences[i];
    if (correct[i]) correctSums[bin] += 1;
  }
  let ece = 0;
  let maxGap = 0;
  const bins = Array.from({ length: binCount }, (_, bin): ReliabilityBin => {
    const count = counts[bin];
    const confidence = count > 0 ? confidenceSums[bin] / count : 0;
    const accuracy = count > 0 ? correctSums[bin] / count : 0;
    if (count > 0) {
      const gap = Math.abs(accuracy - confidence);
      ece += (count / n) * gap;
      maxGap = Math.max(maxGap, gap);
    }
    return { lower: bin / binCount, upper: (bin + 1) / binCount, count, confidence, accuracy };
  });
  return { ece: n > 0 ? ece : 0, maxGap, bins };
}
