import type { RawImage } from '../image/raw-image';
import type { GrayImage } from './planes';

/**
 * `round(sample·alpha/255 + 255·(1 − alpha/255))` in integers: the sample composited onto white.
 * `(x·257 + 257) >>> 16` equals `floor(x / 255)` for every x this can produce (checked exhaustively).
 */
export function overWhite(sample: number, alpha: number): number {
  return ((sample * alpha + 255 * (255 - alpha) + 127) * 257 + 257) >>> 16;
}

/** Composites each pixel onto white using its alpha and drops alpha (drawings on transparent canvases). */
export function flattenAlphaOntoWhite(image: RawImage): RawImage {
  if (image.channels !== 4) return image;
  const { data, width, height } = image;
  const pixelCount = width * height;
  const rgb = new Uint8Array(pixelCount * 3);
  for (let p = 0, s = 0, d = 0; p < pixelCount; p++, s += 4, d += 3) {
    const alpha = data[s + 3];
    rgb[d] = overWhite(data[s], alpha);
    rgb[d + 1] = overWhite(data[s + 1], alpha);
    rgb[d + 2] = overWhite(data[s + 2], alpha);
  }
  return { data: rgb, width, height, channels: 3 };
}

/**
 * 8-bit luminance of `count` pixels starting at sample `offset`, into `out` from 0, with integer
 * BT.601 weights (77, 150, 29 sum to 256), so every platform gets the same bytes. With alpha, the
 * luminance is composited onto white (compositing and luminance are both linear, so the order only
 * moves rounding; this order needs one division per pixel, not three). One loop per layout, so the
 * per-pixel work has no branch on the channel count.
 */
export function luminanceRow(
  data: Uint8Array | Uint8ClampedArray,
  offset: number,
  count: number,
  channels: number,
  out: Uint8Array,
): void {
  if (channels === 1) {
    for (let p = 0; p < count; p++) out[p] = data[offset + p];
  } else if (channels === 3) {
    for (let p = 0, s = offset; p < count; p++, s += 3) {
      out[p] = (77 * data[s] + 150 * data[s + 1] + 29 * data[s + 2] + 128) >> 8;
    }
  } else {
    for (let p = 0, s = offset; p < count; p++, s += channels) {
      const alpha = data[s + 3];
      if (alpha === 0) {
        out[p] = 255;
        continue;
      }
      const luminance = (77 * data[s] + 150 * data[s + 1] + 29 * data[s + 2] + 128) >> 8;
      out[p] = alpha === 255 ? luminance : overWhite(luminance, alpha);
    }
  }
}

/** Luminance of every pixel (see `luminanceRow`). */
export function toLuminance(image: RawImage): GrayImage {
  const { data, width, height, channels } = image;
  const gray = new Uint8Array(width * height);
  luminanceRow(data, 0, width * height, channels, gray);
  return { data: gray, width, height };
}
