import { GlyphError, type RawImage } from '@glyph/core';

/** sharp may still hand back gray+alpha; widen it to RGBA, the layout RawImage knows. */
export function toRawImage(data: Uint8Array, width: number, height: number, channels: number): RawImage {
  if (channels === 1 || channels === 3 || channels === 4) return { data, width, height, channels };
  if (channels !== 2) {
    throw new GlyphError('IMAGE_UNDECODABLE', `The image decoded to ${channels} channels; expected 1 to 4.`);
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[4 * p] = rgba[4 * p + 1] = rgba[4 * p + 2] = data[2 * p];
    rgba[4 * p + 3] = data[2 * p + 1];
  }
  return { data: rgba, width, height, channels: 4 };
}
