import type { RawImage } from '../image/raw-image';
import { measureInkLevels, toInkStrength } from './ink-levels';
import type { Polarity } from './polarity';
import { labelComponents, type Component, type ComponentLabels } from './label-components';
import { toLuminance } from './luminance';
import type { GrayImage, PixelBox } from './planes';
import { reducedLuminance, reductionFactor } from './reduce-gray';
import { boundingBoxOf, isNegligibleInk, keepStrokes } from './remove-specks';

/**
 * The writing found in an image: ink strength (bright on black), its strokes and their box, all in
 * working pixels — the image reduced by `scale` (multiply by it for image pixels).
 */
export interface InkExtraction {
  readonly ink: GrayImage;
  readonly scale: number;
  readonly polarity: Polarity;
  /**
   * The ink runs along much of the picture's border (a character cut tight to its frame) and the
   * whole picture decided what is ink (see `measureInkLevels`).
   */
  readonly framed: boolean;
  readonly components: ComponentLabels;
  /** Components that are writing (specks removed). */
  readonly strokes: readonly Component[];
  readonly box: PixelBox;
}

/**
 * Shared front half of the ink recipes: alpha onto white, luminance, reduction of large images,
 * polarity from the border (or from the whole picture when ink runs along the border) and inversion,
 * contrast stretch, speck removal, bounding box. Undefined means "no ink".
 */
export function extractInk(image: RawImage): InkExtraction | undefined {
  if (image.width === 0 || image.height === 0) return undefined;
  const scale = reductionFactor(image.width, image.height);
  const gray = scale === 1 ? toLuminance(image) : reducedLuminance(image, scale);
  const levels = measureInkLevels(gray);
  if (levels === undefined) return undefined;
  const ink = toInkStrength(gray, levels);
  const components = labelComponents(ink);
  const strokes = keepStrokes(components.components, ink.width * ink.height);
  const box = boundingBoxOf(strokes);
  if (box === undefined || isNegligibleInk(box, ink.width, ink.height)) return undefined;
  if (!levels.framed && isPageNotMark(strokes, box, ink.width, ink.height)) return undefined;
  return { ink, scale, polarity: levels.polarity, framed: levels.framed, components, strokes, box };
}

/** Ink over more than this share of the picture is the page itself unless background surrounds it. */
const PAGE_COVERAGE = 0.6;

/**
 * Ink that covers most of the picture and reaches its edge is the page rather than a mark on it: a
 * texture, or paper read as ink. Coverage alone is no test: a thick l or i framed tightly (letter
 * datasets stretch each glyph to its frame) covers three quarters of its picture, yet background
 * still surrounds it. Not asked when the picture was read as framed: the whole picture then chose
 * the ink, and a bold character cut tight to its frame often covers 60–90% of it.
 */
function isPageNotMark(strokes: readonly Component[], box: PixelBox, width: number, height: number): boolean {
  const surrounded = box.x > 0 && box.y > 0 && box.x + box.width < width && box.y + box.height < height;
  if (surrounded) return false;
  let area = 0;
  for (const stroke of strokes) area += stroke.area;
  return area > width * height * PAGE_COVERAGE;
}

export function labelSet(components: readonly Component[]): Set<number> {
  return new Set(components.map((component) => component.label));
}
