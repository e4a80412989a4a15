import type { RawImage } from '../image/raw-image';
import { luminanceRow } from './luminance';
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
