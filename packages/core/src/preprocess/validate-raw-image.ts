import { GlyphError } from '../errors/glyph-error';
import type { RawImage } from '../image/raw-image';

/**
 * Rejects a RawImage whose fields disagree with each other, so no later step indexes past its data.
 * A zero-size image is valid here (it simply has no ink).
 */
export function validateRawImage(image: RawImage): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new GlyphError(
      'BAD_USAGE',
      `Image size ${String(width)}×${String(height)} is not a pair of non-negative integers. Pass the pixel width and height of the image.`,
    );
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new GlyphError(
      'BAD_USAGE',
      `Image has ${String(channels)} channels; expected 1 (gray), 3 (RGB) or 4 (RGBA). Convert it with the image adapter first.`,
    );
  }
  if (data.length !== width * height * channels) {
    throw new GlyphError(
      'BAD_USAGE',
      `Image data holds ${data.length} samples but ${width}×${height}×${channels} needs ${width * height * channels}. Pass interleaved 8-bit samples, one row after another.`,
    );
  }
}
