import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import type { Box } from '@glyph/core/recognize';

/** Background added around a crop, as a share of its longer side (plus 2 px). */
const marginShare = 0.15;

/**
 * One character of a line, as a retrain needs it: the raw pixels inside its box (as sequence
 * recognition found it, in pixels of the recognised image), with a margin of the image's background
 * colour rather than of the neighbouring ink, so the crop reads like a single drawn character.
 */
export function cropCharacter(image: RawImage, box: Box): RawImage {
  const left = Math.max(0, Math.floor(box.x));
  const top = Math.max(0, Math.floor(box.y));
  const right = Math.min(image.width, Math.ceil(box.x + box.width));
  const bottom = Math.min(image.height, Math.ceil(box.y + box.height));
  if (!(right > left && bottom > top)) {
    throw new GlyphError(
      'BAD_USAGE',
      `The character box ${JSON.stringify(box)} lies outside the ${image.width}×${image.height} image; send the boxes of the sequence answer for this same image.`,
    );
  }
  const width = right - left;
  const height = bottom - top;
  const margin = Math.round(Math.max(width, height) * marginShare) + 2;
  const channels = image.channels;
  const outWidth = width + 2 * margin;
  const outHeight = height + 2 * margin;
  const data = new Uint8Array(outWidth * outHeight * channels);
  const background = borderMean(image);
  for (let index = 0; index < outWidth * outHeight; index += 1) {
    data.set(background, index * channels);
  }
  for (let y = 0; y < height; y += 1) {
    const from = ((top + y) * image.width + left) * channels;
    data.set(
      image.data.subarray(from, from + width * channels),
      ((margin + y) * outWidth + margin) * channels,
    );
  }
  return { data, width: outWidth, height: outHeight, channels };
}

/** Per channel, the mean of the image's outermost pixels: the paper (or canvas) colour. */
function borderMean(image: RawImage): Uint8Array {
  const { width, height, channels, data } = image;
  const sums = new Float64Array(channels);
  let count = 0;
  const add = (x: number, y: number) => {
    const offset = (y * width + x) * channels;
    for (let channel = 0; channel < channels; channel += 1) sums[channel] += data[offset + channel];
    count += 1;
  };
  for (let x = 0; x < width; x += 1) {
    add(x, 0);
    add(x, height - 1);
  }
  for (let y = 1; y < height - 1; y += 1) {
    add(0, y);
    add(width - 1, y);
  }
  return Uint8Array.from(sums, (sum) => Math.round(sum / count));
}
