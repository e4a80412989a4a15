import type { RawImage } from '../image/raw-image';
import { findCharacterBox } from './find-character';
import { estimateLighting, lightingGain, type PageLighting } from './flatten-lighting';
import type { PixelBox } from './planes';

/**
 * Margin kept around the character, as a share of its box on each side: what the printed-letter
 * folder (`alphabet`) leaves around its glyphs — about 6 px above and 5 below a 49 px tall glyph,
 * 2 px beside a 56 px wide one, in 60×60 pictures.
 */
export const CHARACTER_MARGIN_X = 0.04;
export const CHARACTER_MARGIN_Y = 0.1;

/**
 * Where the character of a photo lies and how to even out its lighting: `box` is in image pixels,
 * with the margin, and may reach past the image (those samples are paper); `gain(x, y)` scales a
 * sample at image pixel (x, y) so the paper there becomes 1.
 */
export interface CharacterSubject {
  readonly box: PixelBox;
  readonly gain: (x: number, y: number) => number;
}

/**
 * The `character` subject step of the photo recipe: estimates the lighting (shadows, gradients),
 * finds the character's ink in the evenly lit picture (specks and page edges ignored) and frames it
 * with the training pictures' margin. Undefined when there is no character (blank page, a shadow).
 */
export function findCharacterSubject(image: RawImage): CharacterSubject | undefined {
  if (image.width === 0 || image.height === 0) return undefined;
  const lighting = estimateLighting(image);
  const found = findCharacterBox(lighting);
  if (found === undefined) return undefined;
  return { box: withMargin(imageBox(found, lighting, image)), gain: gainOf(lighting) };
}

/** The working-pixel box in image pixels (the last working row and column may be partial). */
function imageBox(box: PixelBox, lighting: PageLighting, image: RawImage): PixelBox {
  const { scale } = lighting;
  const x = box.x * scale;
  const y = box.y * scale;
  return {
    x,
    y,
    width: Math.min(image.width, (box.x + box.width) * scale) - x,
    height: Math.min(image.height, (box.y + box.height) * scale) - y,
  };
}

function withMargin(box: PixelBox): PixelBox {
  const marginX = Math.round(box.width * CHARACTER_MARGIN_X);
  const marginY = Math.round(box.height * CHARACTER_MARGIN_Y);
  return {
    x: box.x - marginX,
    y: box.y - marginY,
    width: box.width + 2 * marginX,
    height: box.height + 2 * marginY,
  };
}

function gainOf(lighting: PageLighting): (x: number, y: number) => number {
  return (x, y) => lightingGain(lighting, x, y);
}
