import { inflateSync } from 'node:zlib';
import type { RawImage } from '@glyph/core';
import { toRawImage } from './raw-from-samples';

/** Channels of the 8-bit colour types handled here: gray, RGB, gray+alpha, RGBA. */
const channelsOfColourType: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

const INFLATE_CHUNK = 64 * 1024;

/** Chunks that change how pixels look (transparency key, colour profile, gamma, orientation). */
const chunksThatChangePixels = new Set(['tRNS', 'iCCP', 'gAMA', 'cHRM', 'eXIf', 'sBIT']);

/**
 * Decodes the PNGs drawing canvases produce — 8-bit gray, gray+alpha, RGB or RGBA, not interlaced,
 * no colour profile, gamma, transparency key or orientation — with zlib and one unfiltering pass,
 * about a third of the CPU time of a sharp pipeline for a 280×280 canvas. The result is laid out as
 * `decodeImage` lays out sharp's (gray → 1 channel, RGB → 3, any alpha → RGBA). Returns undefined
 * for every other PNG and for anything malformed: sharp then decodes it or reports the error.
 */
export function decodePngFast(bytes: Uint8Array): RawImage | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33 || view.getUint32(12) !== 0x49484452 /* IHDR */) return undefined;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const [bitDepth, colourType, compression, filter, interlace] = bytes.subarray(24, 29);
  const channels = channelsOfColourType[colourType];
  if (bitDepth !== 8 || channels === undefined || compression !== 0 || filter !== 0 || interlace !== 0) {
    return undefined;
  }
  const data = compressedData(bytes, view);
  if (!data) return undefined;
  const stride = width * channels;
  let filtered: Buffer;
  try {
    const size = (stride + 1) * height;
    // Output in chunks of up to 64 KiB (at least zlib's minimum of 64 bytes) rather than 16 KiB: a third less time on a canvas.
    filtered = inflateSync(data, {
      maxOutputLength: size + 1,
      chunkSize: Math.max(64, Math.min(INFLATE_CHUNK, size + 1)),
    });
  } catch {
    return undefined;
  }
  if (filtered.length !== (stride + 1) * height) return undefined;
  const pixels = unfilter(filtered, stride, height, channels);
  return pixels && toRawImage(pixels, width, height, channels);
}

/** The IDAT chunks' bytes joined, or undefined when a chunk is cut off or changes the pixels. */
function compressedData(bytes: Uint8Array, view: DataView): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  for (let offset = 8; offset + 8 <= bytes.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length || chunksThatChangePixels.has(type)) return undefined;
    if (type === 'IDAT') parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') return parts.length > 0 ? Buffer.concat(parts) : undefined;
    offset = end;
  }
  return undefined; // no IEND: truncated
}

/** Reverses the per-row PNG filters (None, Sub, Up, Average, Paeth); undefined for an unknown one. */
function unfilter(filtered: Uint8Array, stride: number, height: number, bpp: number): Uint8Array | undefined {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const type = filtered[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const up = row - stride;
    switch (type) {
      case 0:
        out.set(filtered.subarray(src, src + stride), row);
        break;
      case 1:
        for (let i = 0; i < stride; i++)
          out[row + i] = filtered[src + i] + (i >= bpp ? out[row + i - bpp] : 0);
        break;
      case 2:
        for (let i = 0; i < stride; i++) out[row + i] = filtered[src + i] + (y > 0 ? out[up + i] : 0);
        break;
      case 3:
        for (let i = 0; i < stride; i++) {
          const left = i >= bpp ? out[row + i - bpp] : 0;
          const above = y > 0 ? out[up + i] : 0;
          out[row + i] = filtered[src + i] + ((left + above) >> 1);
        }
        break;
      case 4:
        for (let i = 0; i < stride; i++) {
          const a = i >= bpp ? out[row + i - bpp] : 0;
          const b = y > 0 ? out[up + i] : 0;
          const c = i >= bpp && y > 0 ? out[up + i - bpp] : 0;
          out[row + i] = filtered[src + i] + paeth(a, b, c);
        }
        break;
      default:
        return undefined;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
