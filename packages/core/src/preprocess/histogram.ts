import type { GrayImage } from './planes';

/** Counts of each 8-bit value over the whole image. */
export function histogram(gray: GrayImage): Uint32Array {
  const counts = new Uint32Array(256);
  const { data } = gray;
  for (let i = 0; i < data.length; i++) counts[data[i]]++;
  return counts;
}

/**
 * Counts over the outer ring of the image, `ringWidth` pixels deep. The ring is where a drawing's
 * background shows, whatever the ink does in the middle.
 */
export function borderHistogram(gray: GrayImage, ringWidth: number): Uint32Array {
  const counts = new Uint32Array(256);
  const { data, width, height } = gray;
  const depth = Math.min(ringWidth, Math.ceil(width / 2), Math.ceil(height / 2));
  for (let y = 0; y < height; y++) {
    const row = y * width;
    if (y < depth || y >= height - depth) {
      for (let x = 0; x < width; x++) counts[data[row + x]]++;
      continue;
    }
    for (let x = 0; x < depth; x++) counts[data[row + x]]++;
    for (let x = Math.max(depth, width - depth); x < width; x++) counts[data[row + x]]++;
  }
  return counts;
}

export function histogramTotal(counts: Uint32Array): number {
  let total = 0;
  for (let v = 0; v < 256; v++) total += counts[v];
  return total;
}

/** The smallest value with at least `rank` samples at or below it (rank 1 = minimum). */
export function valueAtRankFromBottom(counts: Uint32Array, rank: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v];
    if (seen >= rank) return v;
  }
  return 255;
}

/** The largest value with at least `rank` samples at or above it (rank 1 = maximum). */
export function valueAtRankFromTop(counts: Uint32Array, rank: number): number {
  let seen = 0;
  for (let v = 255; v >= 0; v--) {
    seen += counts[v];
    if (seen >= rank) return v;
  }
  return 0;
}

/** The lower median of a histogram (exact, integer). */
export function histogramMedian(counts: Uint32Array): number {
  const total = histogramTotal(counts);
  return valueAtRankFromBottom(counts, Math.max(1, Math.ceil(total / 2)));
}

/** Median absolute deviation from `center`: how much the samples wander around it. */
export function medianAbsoluteDeviation(counts: Uint32Array, center: number): number {
  const deviations = new Uint32Array(256);
  for (let v = 0; v < 256; v++) deviations[v > center ? v - center : center - v] += counts[v];
  return histogramMedian(deviations);
}
