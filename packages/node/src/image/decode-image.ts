import { GlyphError, type RawImage } from '@glyph/core';
import sharp from 'sharp';
import { decodePngFast } from './decode-png-fast';
import { toRawImage } from './raw-from-samples';
import { headerSize, sniffMediaType, type ImageMediaType } from './sniff-media-type';

/** 40 megapixels: a 12 MP phone photo fits three times over; a decompression bomb does not. */
export const DEFAULT_MAX_PIXELS = 40_000_000;

export interface DecodeImageOptions {
  /** Refuse images with more pixels than this, judged from the header before decoding. */
  readonly maxPixels?: number;
}

/**
 * Decodes PNG/JPEG/WebP/GIF (first frame) bytes into a RawImage, upright (EXIF orientation applied),
 * 8 bits per sample: 1 channel for gray, 3 for colour, 4 whenever there is transparency.
 *
 * @public
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeImageOptions = {}): Promise<RawImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const type = mediaTypeOf(bytes);
  const fast = type === 'image/png' ? decodeCanvasPng(bytes, maxPixels) : undefined;
  if (fast) return fast;
  const size = checkedSize(await readSize(bytes, type), type, maxPixels);
  return decodePixels(bytes, type, size.hasAlpha, size.gray, maxPixels);
}

export interface ImageSize {
  readonly type: ImageMediaType;
  readonly width: number;
  readonly height: number;
}

/**
 * The format and size the image's header declares, read without producing a pixel (PNG IHDR, GIF
 * screen, JPEG SOF and WebP headers through sharp's metadata), within the same limits `decodeImage`
 * applies: a caller can reserve memory or refuse work before decoding.
 */
export async function readImageSize(bytes: Uint8Array, options: DecodeImageOptions = {}): Promise<ImageSize> {
  const type = mediaTypeOf(bytes);
  const fromHeader = headerSize(bytes, type);
  const facts = fromHeader ? { ...fromHeader, hasAlpha: false, gray: false } : await readSize(bytes, type);
  const size = checkedSize(facts, type, options.maxPixels ?? DEFAULT_MAX_PIXELS);
  return { type, width: size.width, height: size.height };
}

function mediaTypeOf(bytes: Uint8Array): ImageMediaType {
  const type = sniffMediaType(bytes);
  if (type === undefined) {
    throw new GlyphError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The ${bytes.length} bytes are not a PNG, JPEG, WebP or GIF image (checked by their first bytes). Send the image file itself.`,
    );
  }
  return type;
}

function checkedSize(size: HeaderFacts, type: ImageMediaType, maxPixels: number): HeaderFacts {
  if (size.width === 0 || size.height === 0) {
    throw new GlyphError(
      'IMAGE_EMPTY',
      `The ${type} image is ${size.width}×${size.height} pixels; it needs at least one pixel.`,
    );
  }
  if (size.width * size.height > maxPixels) {
    throw new GlyphError(
      'IMAGE_TOO_LARGE',
      `The image is ${size.width}×${size.height} = ${size.width * size.height} pixels; the limit is ${maxPixels}. Scale it down before sending.`,
    );
  }
  return size;
}

/** The common canvas PNG without sharp, when its header size is within the limit (else sharp decides). */
function decodeCanvasPng(bytes: Uint8Array, maxPixels: number): RawImage | undefined {
  const size = headerSize(bytes, 'image/png');
  if (!size || size.width === 0 || size.height === 0 || size.width * size.height > maxPixels)
    return undefined;
  return decodePngFast(bytes);
}

interface HeaderFacts {
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  readonly gray: boolean;
}

async function readSize(bytes: Uint8Array, type: ImageMediaType): Promise<HeaderFacts> {
  const fromHeader = headerSize(bytes, type);
  if (fromHeader !== undefined && (fromHeader.width === 0 || fromHeader.height === 0)) {
    return { ...fromHeader, hasAlpha: false, gray: false };
  }
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    return {
      width: meta.width ?? 0,
      height: meta.pageHeight ?? meta.height ?? 0,
      hasAlpha: meta.hasAlpha === true,
      gray: meta.channels === 1 || (meta.channels === 2 && meta.hasAlpha === true),
    };
  } catch (error) {
    throw undecodable(type, error);
  }
}

async function decodePixels(
  bytes: Uint8Array,
  type: ImageMediaType,
  hasAlpha: boolean,
  gray: boolean,
  maxPixels: number,
): Promise<RawImage> {
  let pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' }).rotate();
  if (hasAlpha) pipeline = pipeline.toColourspace('srgb').ensureAlpha();
  else if (gray) pipeline = pipeline.toColourspace('b-w');
  else pipeline = pipeline.toColourspace('srgb').removeAlpha();
  try {
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const samples = new Uint8Array(data.buffer, data.byteOffset, data.length);
    return toRawImage(samples, info.width, info.height, info.channels);
  } catch (error) {
    throw undecodable(type, error);
  }
}

function undecodable(type: ImageMediaType, error: unknown): GlyphError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new GlyphError(
    'IMAGE_UNDECODABLE',
    `The bytes start like a ${type} image but do not decode (${reason}). The file is probably corrupt or truncated; export it again.`,
    { cause: error },
  );
}
