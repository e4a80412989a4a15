import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import sharp from 'sharp';

/** The model input a stored sample is for; only its size matters here. */
export interface ModelInputSize {
  readonly width: number;
  readonly height: number;
}

export interface StoredImageOptions {
  readonly input: ModelInputSize;
  /** Bytes of the encoded image as the client sent it (its share, when one request stores several). */
  readonly sourceBytes: number;
  /** No stored PNG is larger than this (`--feedback-max-image-bytes`). */
  readonly maxImageBytes: number;
  readonly encodePng: (image: RawImage) => Promise<Uint8Array>;
}

/**
 * The longest side a stored sample keeps: 8× the model's input side, and never below 512 px.
 * The ink recipes crop to the ink and scale its longer side to 20 px of a 28-px input, so 512 px
 * keeps every pixel the model reads for any ink spanning at least 4% of the picture, and 8× leaves
 * room to retrain at a larger input or with crop augmentation. A photo model reading 224 px keeps
 * 1792 px. Drawings from the web app (a few hundred px) are stored as sent.
 */
export function storedSideLimit(input: ModelInputSize): number {
  return Math.max(8 * Math.max(input.width, input.height), 512);
}

/** Every stored PNG may take this much, whatever its source: a drawing this size is never shrunk. */
export const minimumBudgetBytes = 32 * 1024;

/**
 * The bytes a sample may take on disk: twice what the client sent, at least enough for a lossless
 * image at the model's input size (so a small, heavily compressed upload is still kept readable),
 * and never over `maxImageBytes`.
 */
export function storedBytesBudget(options: StoredImageOptions, channels: number): number {
  const inputSide = Math.max(options.input.width, options.input.height);
  // A PNG holds at most its raw samples plus one filter byte per row and a few headers.
  const inputImageBytes = inputSide * (inputSide * channels + 1) + 1024;
  const floor = Math.max(minimumBudgetBytes, inputImageBytes);
  return Math.min(options.maxImageBytes, Math.max(2 * options.sourceBytes, floor));
}

/**
 * The PNG to store for a feedback image: scaled down, aspect kept, to `storedSideLimit`, then, if
 * its PNG is still over `storedBytesBudget` (noise compresses badly), scaled down further until it
 * fits, never below the model's input side. So one accepted sample grows the disk by at most twice
 * its request's image bytes, or the small floor, however the image was compressed. Refuses with
 * PAYLOAD_TOO_LARGE only when even the input-sized image does not fit (a tiny --feedback-max-image-bytes).
 */
export async function encodeForStorage(image: RawImage, options: StoredImageOptions): Promise<Uint8Array> {
  const budget = storedBytesBudget(options, image.channels);
  const inputSide = Math.max(options.input.width, options.input.height);
  const longest = Math.max(image.width, image.height);
  let side = Math.min(longest, storedSideLimit(options.input));
  let stored = side < longest ? await resized(image, side) : image;
  let png = await options.encodePng(stored);
  const smallest = Math.min(longest, inputSide);
  while (png.length > budget && side > smallest) {
    // PNG bytes grow about with the pixel count; aim a little under the budget.
    side = Math.max(smallest, Math.floor(side * Math.sqrt(budget / png.length) * 0.9));
    stored = await resized(image, side);
    png = await options.encodePng(stored);
  }
  if (png.length > budget) {
    throw new GlyphError(
      'PAYLOAD_TOO_LARGE',
      `The image needs ${png.length} bytes as PNG even at ${stored.width}×${stored.height}, more than the ${budget} bytes a feedback sample may take. Start the server with a larger --feedback-max-image-bytes.`,
    );
  }
  return png;
}

/** `image` with its longer side `side` px (aspect kept, at least 1 px), through sharp's resampler. */
async function resized(image: RawImage, side: number): Promise<RawImage> {
  const scale = side / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const raw = { width: image.width, height: image.height, channels: image.channels };
  const { data, info } = await sharp(image.data, { raw })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: info.channels as RawImage['channels'],
  };
}
