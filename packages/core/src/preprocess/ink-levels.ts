import {
  borderHistogram,
  histogram,
  histogramMedian,
  histogramTotal,
  medianAbsoluteDeviation,
  valueAtRankFromBottom,
  valueAtRankFromTop,
} from './histogram';
import { framePolarity } from './frame-polarity';
import { otsuSplit } from './otsu-split';
import type { GrayImage } from './planes';
import type { Polarity } from './polarity';

export interface InkLevels {
  readonly polarity: Polarity;
  /** Background luminance (median of the border ring's background), in the original image's 0–255 scale. */
  readonly background: number;
  /** Ink strength at or below this (after inversion) is background noise and becomes 0. */
  readonly floor: number;
  /** Ink strength at or above this (after inversion) is full ink and becomes 255. */
  readonly peak: number;
  /**
   * True when ink runs along much of the border (a character cut tight to its frame) and the whole
   * picture confirmed which class is ink: such ink may cover most of the picture and is still a mark,
   * not the page.
   */
  readonly framed: boolean;
}

/** Below this difference between background and ink (of 255) the image is treated as blank. */
export const MIN_INK_CONTRAST = 32;

/**
 * When at least this share of the border ring lies on the other side of the picture's Otsu split
 * from the rest, the border is not plain background: ink runs along it.
 */
export const FRAMED_BORDER_SHARE = 0.1;

/**
 * The Otsu split must explain at least this share of the variance before the picture is read as ink
 * and background from its histogram: binarized and two-toned scans reach 0.8–1, uniform noise 0.75.
 */
export const MIN_SEPARABILITY = 0.8;

/**
 * Reads polarity, background and ink strength. Usually from the border ring: the background is its
 * median, the ink whichever extreme lies farther from it. When ink runs along the border (a
 * character cut tight to its frame), the border's median may be ink and its spread swallow the
 * contrast; then the picture's Otsu split into two classes decides (see `framePolarity`), provided
 * the split is clean. Returns undefined for a blank image (uniform, or noise whose spread swallows
 * every mark). `counts` is the image's histogram when the caller already has it.
 */
export function measureInkLevels(gray: GrayImage, counts?: Uint32Array): InkLevels | undefined {
  const ringWidth = Math.max(1, Math.floor(Math.min(gray.width, gray.height) / 50));
  const border = borderHistogram(gray, ringWidth);
  const all = counts ?? histogram(gray);
  const fromBorder = borderLevels(border, all);
  const split = otsuSplit(all);
  if (split === undefined || split.separability < MIN_SEPARABILITY) return fromBorder;
  const borderDarkShare = shareAtOrBelow(border, split.threshold);
  if (Math.min(borderDarkShare, 1 - borderDarkShare) < FRAMED_BORDER_SHARE) return fromBorder;
  const polarity = framePolarity(gray, split.threshold, borderDarkShare);
  // Where the border's reading agrees with the whole picture, it stands (the same bytes as before).
  if (fromBorder !== undefined && fromBorder.polarity === polarity) return { ...fromBorder, framed: true };
  return splitLevels(border, all, split.threshold, polarity);
}

/** The border ring's reading: background its median, noise its median absolute deviation. */
function borderLevels(border: Uint32Array, all: Uint32Array): InkLevels | undefined {
  const background = histogramMedian(border);
  const spread = medianAbsoluteDeviation(border, background);
  // A handful of pixels may be dust or a hot pixel; the extreme must hold a few samples.
  const rank = Math.max(3, Math.ceil(histogramTotal(all) / 2000));
  const darkSpan = background - valueAtRankFromBottom(all, rank);
  const lightSpan = valueAtRankFromTop(all, rank) - background;
  const polarity: Polarity =
    darkSpan > lightSpan || (darkSpan === lightSpan && background >= 128) ? 'dark-ink' : 'light-ink';
  return levelsAround(all, polarity, background, spread, 255);
}

/**
 * Levels when the Otsu split decided the polarity: background and noise from the border's
 * background-class pixels only, and the floor kept below the split so the ink class stays ink.
 */
function splitLevels(
  border: Uint32Array,
  all: Uint32Array,
  threshold: number,
  polarity: Polarity,
): InkLevels | undefined {
  const backgroundSide = new Uint32Array(256);
  const [first, last] = polarity === 'dark-ink' ? [threshold + 1, 255] : [0, threshold];
  for (let v = first; v <= last; v++) backgroundSide[v] = border[v];
  const background = histogramMedian(backgroundSide);
  const spread = medianAbsoluteDeviation(backgroundSide, background);
  const highestFloor = polarity === 'dark-ink' ? 254 - threshold : threshold;
  const levels = levelsAround(all, polarity, background, spread, highestFloor);
  return levels === undefined ? undefined : { ...levels, framed: true };
}

function levelsAround(
  all: Uint32Array,
  polarity: Polarity,
  background: number,
  spread: number,
  highestFloor: number,
): InkLevels | undefined {
  const strength = inkStrengthHistogram(all, polarity);
  const inkBackground = polarity === 'dark-ink' ? 255 - background : background;
  const floor = Math.min(255, highestFloor, inkBackground + Math.max(8, 3 * spread));
  const peak = peakAboveFloor(strength, floor);
  if (peak - floor < MIN_INK_CONTRAST) return undefined;
  return { polarity, background, floor, peak, framed: false };
}

/** Share of the histogram's samples at or below `value`. */
function shareAtOrBelow(counts: Uint32Array, value: number): number {
  let below = 0;
  for (let v = 0; v <= value; v++) below += counts[v];
  return below / histogramTotal(counts);
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
