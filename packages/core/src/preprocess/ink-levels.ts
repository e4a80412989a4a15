import {
  borderHistogram,
  histogram,
  histogramMedian,
  histogramTotal,
  medianAbsoluteDeviation,
  valueAtRankFromBottom,
  valueAtRankFromTop,
} from './histogram';
import type { GrayImage } from './planes';

/** Whether the ink is darker than the background (pen on paper) or lighter (chalk, white-on-black canvas). */
export type Polarity = 'dark-ink' | 'light-ink';

export interface InkLevels {
  readonly polarity: Polarity;
  /** Background luminance (median of the border ring), in the original image's 0–255 scale. */
  readonly background: number;
  /** Ink strength at or below this (after inversion) is background noise and becomes 0. */
  readonly floor: number;
  /** Ink strength at or above this (after inversion) is full ink and becomes 255. */
  readonly peak: number;
}

/** Below this difference between background and ink (of 255) the image is treated as blank. */
export const MIN_INK_CONTRAST = 32;

/**
 * Reads polarity, background and ink strength from the histogram: the background is the median of the
 * border ring; the ink is whichever extreme lies farther from it. Returns undefined for a blank image
 * (uniform, or noise whose spread swallows every mark). `counts` is the image's histogram when the
 * caller already has it.
 */
export function measureInkLevels(gray: GrayImage, counts?: Uint32Array): InkLevels | undefined {
  const ringWidth = Math.max(1, Math.floor(Math.min(gray.width, gray.height) / 50));
  const border = borderHistogram(gray, ringWidth);
  const background = histogramMedian(border);
  const spread = medianAbsoluteDeviation(border, background);
  const all = counts ?? histogram(gray);
  // A handful of pixels may be dust or a hot pixel; the extreme must hold a few samples.
  const rank = Math.max(3, Math.ceil(histogramTotal(all) / 2000));
  const darkSpan = background - valueAtRankFromBottom(all, rank);
  const lightSpan = valueAtRankFromTop(all, rank) - background;
  const polarity: Polarity =
    darkSpan > lightSpan || (darkSpan === lightSpan && background >= 128) ? 'dark-ink' : 'light-ink';
  const strength = inkStrengthHistogram(all, polarity);
  const inkBackground = polarity === 'dark-ink' ? 255 - background : background;
  const floor = Math.min(255, inkBackground + Math.max(8, 3 * spread));
  const peak = peakAboveFloor(strength, floor);
  if (peak - floor < MIN_INK_CONTRAST) return undefined;
  return { polarity, background, floor, peak };
}

function inkStrengthHistogram(counts: Uint32Array, polarity: Polarity): Uint32Array {
  if (polarity === 'light-ink') return counts;
  const flipped = new Uint32Array(256);
  for (let v = 0; v < 256; v++) flipped[255 - v] = counts[v];
  return flipped;
}

/** The 95th percentile of ink strengths above the floor: the level of a solid stroke. */
function peakAboveFloor(strength: Uint32Array, floor: number): number {
  let inkPixels = 0;
  for (let v = floor + 1; v < 256; v++) inkPixels += strength[v];
  if (inkPixels === 0) return floor;
  return valueAtRankFromTop(strength, Math.max(1, Math.ceil(inkPixels / 20)));
}

/**
 * Maps the image to ink strength: 0 background, 255 full ink, bright on black whatever the input
 * polarity, with a linear stretch between floor and peak (one 256-entry table, integer rounding).
 */
export function toInkStrength(gray: GrayImage, levels: InkLevels): GrayImage {
  const { floor, peak } = levels;
  const range = peak - floor;
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    const strength = levels.polarity === 'dark-ink' ? 255 - v : v;
    if (strength <= floor) table[v] = 0;
    else if (strength >= peak) table[v] = 255;
    else table[v] = (((strength - floor) * 510 + range) / (2 * range)) | 0;
  }
  const { data, width, height } = gray;
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) ink[i] = table[data[i]];
  return { data: ink, width, height };
}
