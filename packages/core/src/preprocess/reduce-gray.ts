import type { RawImage } from '../image/raw-image';
import { luminanceRow, overWhite } from './luminance';
import type { GrayImage } from './planes';

/** Images are worked on at about this shorter side; a character needs no more to reach 20 px. */
export const WORKING_SIDE = 128;

/** The whole-number factor that brings the shorter side down to about `WORKING_SIDE` (1 for small images). */
export function reductionFactor(width: number, height: number): number {
  return Math.max(1, Math.floor(Math.min(width, height) / WORKING_SIDE));
}

/**
 * Luminance (see `luminanceRow`) averaged over `factor`×`factor` blocks with integer rounding, in one
 * pass over the pixels, so large canvases and photos cost little in every later step. The last row
 * and column of blocks may be partial.
 */
export function reducedLuminance(image: RawImage, factor: number): GrayImage {
  const words = rgbaWords(image);
  if (words !== undefined) return reducedLuminanceRgba(words, image.width, image.height, factor);
  const { data, width, height, channels } = image;
  const outWidth = Math.ceil(width / factor);
  const outHeight = Math.ceil(height / factor);
  const out = new Uint8Array(outWidth * outHeight);
  const rowSums = new Uint32Array(outWidth);
  const row = new Uint8Array(width);
  for (let oy = 0; oy < outHeight; oy++) {
    rowSums.fill(0);
    const firstRow = oy * factor;
    const lastRow = Math.min(height, firstRow + factor);
    for (let y = firstRow; y < lastRow; y++) {
      luminanceRow(data, y * width * channels, width, channels, row);
      for (let ox = 0, x = 0; x < width; ox++) {
        const end = Math.min(width, x + factor);
        let sum = 0;
        for (; x < end; x++) sum += row[x];
        rowSums[ox] += sum;
      }
    }
    const blockHeight = lastRow - firstRow;
    for (let ox = 0; ox < outWidth; ox++) {
      const count = blockHeight * Math.min(factor, width - ox * factor);
      out[oy * outWidth + ox] = Math.floor((rowSums[ox] + (count >> 1)) / count);
    }
  }
  return { data: out, width: outWidth, height: outHeight };
}

/** Little-endian platforms (all current ones) read an RGBA pixel as one word: R in the low byte. */
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The pixels of a 4-byte-aligned RGBA image as 32-bit words, else undefined. */
function rgbaWords(image: RawImage): Int32Array | undefined {
  const { data, channels } = image;
  if (channels !== 4 || !littleEndian || data.byteOffset % 4 !== 0) return undefined;
  return new Int32Array(data.buffer, data.byteOffset, image.width * image.height);
}

/**
 * `reducedLuminance` for RGBA, one word per pixel and each block summed where it lies (no row
 * buffer): the same integers as `luminanceRow` gives, about half the time on a 280×280 drawing canvas.
 */
function reducedLuminanceRgba(words: Int32Array, width: number, height: number, factor: number): GrayImage {
  const outWidth = Math.ceil(width / factor);
  const outHeight = Math.ceil(height / factor);
  const out = new Uint8Array(outWidth * outHeight);
  for (let oy = 0; oy < outHeight; oy++) {
    const firstRow = oy * factor;
    const lastRow = Math.min(height, firstRow + factor);
    for (let ox = 0; ox < outWidth; ox++) {
      const firstColumn = ox * factor;
      const lastColumn = Math.min(width, firstColumn + factor);
      const count = (lastRow - firstRow) * (lastColumn - firstColumn);
      let sum = 0;
      if (count === 4 && factor === 2) {
        // A whole 2×2 block (a 256–383 px canvas, the usual case) without the loops' overhead.
        const at = firstRow * width + firstColumn;
        sum =
          wordLuminance(words[at]) +
          wordLuminance(words[at + 1]) +
          wordLuminance(words[at + width]) +
          wordLuminance(words[at + width + 1]);
      } else {
        for (let y = firstRow; y < lastRow; y++) {
          const row = y * width;
          for (let x = firstColumn; x < lastColumn; x++) sum += wordLuminance(words[row + x]);
        }
      }
      out[oy * outWidth + ox] = Math.floor((sum + (count >> 1)) / count);
    }
  }
  return { data: out, width: outWidth, height: outHeight };
}

/** `luminanceRow`'s value for one RGBA pixel read as a little-endian word. */
function wordLuminance(word: number): number {
  const alpha = word >>> 24;
  if (alpha === 0) return 255;
  const luminance = (77 * (word & 255) + 150 * ((word >>> 8) & 255) + 29 * ((word >>> 16) & 255) + 128) >> 8;
  return alpha === 255 ? luminance : overWhite(luminance, alpha);
}
