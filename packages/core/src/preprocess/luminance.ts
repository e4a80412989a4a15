import type { RawImage } from '../image/raw-image';
import type { GrayImage } from './planes';

/**
 * `round(sample·alpha/255 + 255·(1 − alpha/255))` in integers: the sample composited onto white.
 * `(x·257 + 257) >>> 16` equals `floor(x / 255)` for every x this can produce (checked exhaustively).
 */
function overWhite(sample: number, alpha: number): number {
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
 * 8-bit luminance with integer BT.601 weights (77, 150, 29 sum to 256), so every platform gets the
 * same bytes. With alpha, the luminance is composited onto white (compositing and luminance are both
 * linear, so the order only moves rounding; this order needs one division per pixel, not three).
 */
export function toLuminance(image: RawImage): GrayImage {
  const { data, width, height, channels } = image;
  const pixelCount = width * height;
  if (channels === 1) return { data: Uint8Array.from(data.subarray(0, pixelCount)), width, height };
  const gray = new Uint8Array(pixelCount);
  if (channels === 3) {
    for (let p = 0, s = 0; p < pixelCount; p++, s += 3) {
      gray[p] = (77 * data[s] + 150 * data[s + 1] + 29 * data[s + 2] + 128) >> 8;
    }
    return { data: gray, width, height };
  }
  for (let p = 0, s = 0; p < pixelCount; p++, s += 4) {
    const alpha = data[s + 3];
    if (alpha === 0) {
      gray[p] = 255;
      continue;
    }
    const luminance = (77 * data[s] + 150 * data[s + 1] + 29 * data[s + 2] + 128) >> 8;
    gray[p] = alpha === 255 ? luminance : overWhite(luminance, alpha);
  }
  return { data: gray, width, height };
}
