import { GlyphError, type RawImage } from '@glyph/core';
import sharp from 'sharp';

/** Encodes a RawImage as a lossless PNG (for debug previews, feedback samples and reports). */
export async function encodePng(image: RawImage): Promise<Uint8Array> {
  if (image.width === 0 || image.height === 0) {
    throw new GlyphError(
      'IMAGE_EMPTY',
      `Cannot encode a ${image.width}×${image.height} image as PNG; it needs at least one pixel.`,
    );
  }
  const expected = image.width * image.height * image.channels;
  if (image.data.length !== expected) {
    throw new GlyphError(
      'BAD_USAGE',
      `Image data holds ${image.data.length} samples but ${image.width}×${image.height}×${image.channels} needs ${expected}.`,
    );
  }
  const raw = { width: image.width, height: image.height, channels: image.channels };
  const png = await sharp(image.data, { raw }).png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}
