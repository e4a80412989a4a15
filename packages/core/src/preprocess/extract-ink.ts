import type { RawImage } from '../image/raw-image';
import { measureInkLevels, toInkStrength, type Polarity } from './ink-levels';
import { labelComponents, type Component, type ComponentLabels } from './label-components';
import { toLuminance } from './luminance';
import type { GrayImage, PixelBox } from './planes';
import { boundingBoxOf, isNegligibleInk, keepStrokes } from './remove-specks';

/** The writing found in an image: ink strength (bright on black), its strokes and their box. */
export interface InkExtraction {
  readonly ink: GrayImage;
  readonly polarity: Polarity;
  readonly components: ComponentLabels;
  /** Components that are writing (specks removed). */
  readonly strokes: readonly Component[];
  readonly box: PixelBox;
}

/**
 * Shared front half of the ink recipes: alpha onto white, luminance, polarity from the border and
 * inversion, contrast stretch, speck removal, bounding box. Undefined means "no ink".
 */
export function extractInk(image: RawImage): InkExtraction | undefined {
  if (image.width === 0 || image.height === 0) return undefined;
  const gray = toLuminance(image);
  const levels = measureInkLevels(gray);
  if (levels === undefined) return undefined;
  const ink = toInkStrength(gray, levels);
  const components = labelComponents(ink);
  const strokes = keepStrokes(components.components, image.width * image.height);
  const box = boundingBoxOf(strokes);
  if (box === undefined || isNegligibleInk(box, image.width, image.height)) return undefined;
  if (coversMostOfImage(strokes, image.width * image.height)) return undefined;
  return { ink, polarity: levels.polarity, components, strokes, box };
}

/** Writing never covers most of its page; ink that does is a texture or noise, not a character. */
function coversMostOfImage(strokes: readonly Component[], pixelCount: number): boolean {
  let area = 0;
  for (const stroke of strokes) area += stroke.area;
  return area > pixelCount * 0.6;
}

export function labelSet(components: readonly Component[]): Set<number> {
  return new Set(components.map((component) => component.label));
}
