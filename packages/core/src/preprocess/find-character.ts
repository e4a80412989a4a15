import { flattenedGray, type PageLighting } from './flatten-lighting';
import { histogram } from './histogram';
import { labelComponents, type Component } from './label-components';
import { otsuSplit } from './otsu-split';
import type { GrayImage, PixelBox } from './planes';
import { boundingBoxOf, isNegligibleInk, keepStrokes } from './remove-specks';

/**
 * Ink must be at least this much darker than the evenly lit paper (of 255): what is left of a
 * shadow's edge after the lighting is divided out, or paper grain, stays above it.
 */
export const MIN_CHARACTER_CONTRAST = 96;

/**
 * The Otsu split of the evenly lit picture must explain at least this share of its variance: a
 * printed character on paper splits cleanly (0.8–1), leftover shading and noise do not.
 */
export const MIN_CHARACTER_SEPARABILITY = 0.6;

/**
 * A piece touching the picture's edge whose box centre lies in this outer band (share of the side)
 * is the page's edge, the table or a shadow's border, not part of a character in the middle.
 */
export const EDGE_BAND_SHARE = 0.2;

/**
 * The character in an evenly lit picture, as a box in working pixels (tight around its ink), or
 * undefined when there is none: blank paper, a shadow alone, specks.
 */
export function findCharacterBox(lighting: PageLighting): PixelBox | undefined {
  const flat = flattenedGray(lighting);
  const threshold = inkThreshold(flat);
  if (threshold === undefined) return undefined;
  const strength = new Uint8Array(flat.data.length);
  for (let i = 0; i < strength.length; i++) strength[i] = 255 - flat.data[i];
  const { width, height } = flat;
  const { components } = labelComponents({ data: strength, width, height }, 255 - threshold);
  const pieces = keepStrokes(withoutPageEdges(components, width, height), width * height);
  const box = boundingBoxOf(pieces);
  if (box === undefined || isNegligibleInk(box, width, height)) return undefined;
  return box;
}

/** Values at or below the returned level are ink; undefined when the picture holds no clear ink. */
function inkThreshold(flat: GrayImage): number | undefined {
  const counts = histogram(flat);
  const split = otsuSplit(counts);
  if (split === undefined || split.separability < MIN_CHARACTER_SEPARABILITY) return undefined;
  let darkCount = 0;
  let darkSum = 0;
  for (let v = 0; v <= split.threshold; v++) {
    darkCount += counts[v];
    darkSum += v * counts[v];
  }
  if (darkCount === 0 || 255 - darkSum / darkCount < MIN_CHARACTER_CONTRAST) return undefined;
  // Never call paper within the contrast margin ink, whatever the split says.
  return Math.min(split.threshold, 255 - MIN_CHARACTER_CONTRAST);
}

/**
 * Drops pieces that touch the picture's edge with their centre in the outer band. A character cut
 * tight to its frame touches the edge too, but its box's centre is in the middle.
 */
function withoutPageEdges(pieces: readonly Component[], width: number, height: number): Component[] {
  const outer = (share: number) => share < EDGE_BAND_SHARE || share > 1 - EDGE_BAND_SHARE;
  return pieces.filter((piece) => {
    const touches =
      piece.minX === 0 || piece.minY === 0 || piece.maxX === width - 1 || piece.maxY === height - 1;
    if (!touches) return true;
    const centreX = (piece.minX + piece.maxX + 1) / 2 / width;
    const centreY = (piece.minY + piece.maxY + 1) / 2 / height;
    return !outer(centreX) && !outer(centreY);
  });
}
