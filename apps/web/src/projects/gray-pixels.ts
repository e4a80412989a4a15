// A drawing or picture as gray pixels on white: what a project stores and the worker trains on.
import type { ImageDataLike } from '../adapters/image-data';

/**
 * `[height*width]` uint8 luminance (Rec. 601) of RGBA pixels composited on white, so transparent
 * PNGs read as paper, not ink.
 */
export function grayPixels(image: ImageDataLike): Uint8Array {
  const { data, width, height } = image;
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i += 1) {
    const alpha = data[i * 4 + 3] / 255;
    const luminance = 0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2];
    gray[i] = Math.round(luminance * alpha + 255 * (1 - alpha));
  }
  return gray;
}
