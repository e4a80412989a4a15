import { histogramTotal } from './histogram';

/** Otsu's two-class split of a histogram. */
export interface HistogramSplit {
  /** Values at or below this are the dark class, values above it the light class. */
  readonly threshold: number;
  /**
   * Share of the variance the split explains (Otsu's η, 0–1): near 1 for a binarized or cleanly
   * two-toned picture, 0.75 for uniform noise, lower for smooth gradients and one-toned noise.
   */
  readonly separability: number;
}

/**
 * Otsu's threshold: the split of the values into a dark and a light class that maximises the
 * variance between the classes (integer sums, so every platform picks the same threshold).
 * Undefined when the histogram has fewer than two distinct values.
 */
export function otsuSplit(counts: Uint32Array): HistogramSplit | undefined {
  const total = histogramTotal(counts);
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * counts[v];
  let darkCount = 0;
  let darkSum = 0;
  let best = -1;
  let threshold = -1;
  for (let v = 0; v < 255; v++) {
    darkCount += counts[v];
    darkSum += v * counts[v];
    const lightCount = total - darkCount;
    if (darkCount === 0 || lightCount === 0) continue;
    // Between-class variance times total²: (n·S₀ − N₀·S)² / (N₀·N₁), compared in doubles.
    const difference = total * darkSum - darkCount * sum;
    const between = (difference * difference) / (darkCount * lightCount);
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  if (threshold < 0) return undefined;
  const mean = sum / total;
  let spread = 0;
  for (let v = 0; v < 256; v++) spread += counts[v] * (v - mean) * (v - mean);
  // `best` is the between-class variance times total²; `spread` the total variance times total.
  const separability = spread === 0 ? 0 : best / (total * total) / (spread / total);
  return { threshold, separability };
}
