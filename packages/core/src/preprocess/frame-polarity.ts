import { labelComponents } from './label-components';
import type { Polarity } from './polarity';
import type { GrayImage } from './planes';

/**
 * Which of the two Otsu classes is the ink when the border cannot say: a character cut tight to its
 * frame (a scanned cell, a 16×16 binarized digit upscaled, a thick 0 touching all four edges) has ink
 * on much of its border. Three cues vote, each for the class it takes for the background:
 * - the border: the class holding most of it (a near tie, within 10 points of half, defers to the
 *   pieces: an L drawn along two edges holds half the border);
 * - the corners: a character rarely fills them, so the class holding most of the four corners (a
 *   2–2 tie defers to the pieces);
 * - the pieces: writing is one or a few strokes, while strokes that run to the frame cut the
 *   background into many regions (a 0 touching four edges leaves four corners and a hole), so the
 *   class in more pieces is the background (a tie defers to area: the larger class).
 * Measured on MNIST digits binarized into 8×8 and 16×16 cells and upscaled, the vote picks the right
 * class where the border alone, the corners alone or the pieces alone each fail on some shapes
 * (thin broken strokes fool the pieces, bold digits fool the area and the border).
 */
/** Border shares within this of one half are a tie. */
const BORDER_TIE = 0.1;

export function framePolarity(gray: GrayImage, threshold: number, borderDarkShare: number): Polarity {
  const darkShare = classShare(gray, threshold);
  const pieces = pieceCounts(gray, threshold);
  const byArea = darkShare > 0.5 ? 1 : -1;
  const byPieces = pieces.dark !== pieces.light ? Math.sign(pieces.dark - pieces.light) : byArea;
  const darkCorners = darkCornerCount(gray, threshold);
  const byCorners = darkCorners !== 2 ? Math.sign(darkCorners - 2) : byPieces;
  const byBorder = Math.abs(borderDarkShare - 0.5) < BORDER_TIE ? byPieces : borderDarkShare > 0.5 ? 1 : -1;
  // Each vote is +1 when the dark class looks like the background (so the ink is light).
  return byBorder + byCorners + byPieces > 0 ? 'light-ink' : 'dark-ink';
}

function classShare(gray: GrayImage, threshold: number): number {
  let dark = 0;
  for (const value of gray.data) if (value <= threshold) dark++;
  return dark / gray.data.length;
}

/** Pieces of each class large enough to matter (specks from noise or resampling are not counted). */
function pieceCounts(gray: GrayImage, threshold: number): { dark: number; light: number } {
  const { data, width, height } = gray;
  const light = new Uint8Array(data.length);
  const dark = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    if (data[i] > threshold) light[i] = 1;
    else dark[i] = 1;
  }
  const minArea = Math.max(2, Math.floor(data.length / 400));
  const count = (mask: Uint8Array) =>
    labelComponents({ data: mask, width, height }, 1).components.filter((c) => c.area >= minArea).length;
  return { dark: count(dark), light: count(light) };
}

/** How many of the four corners are dark: the mean of a small square at each corner against the threshold. */
function darkCornerCount(gray: GrayImage, threshold: number): number {
  const { data, width, height } = gray;
  const side = Math.max(1, Math.min(Math.floor(Math.min(width, height) / 16), width, height));
  let darkCorners = 0;
  for (const [left, top] of [
    [0, 0],
    [width - side, 0],
    [0, height - side],
    [width - side, height - side],
  ]) {
    let sum = 0;
    for (let y = top; y < top + side; y++)
      for (let x = left; x < left + side; x++) sum += data[y * width + x];
    if (sum <= threshold * side * side) darkCorners++;
  }
  return darkCorners;
}
