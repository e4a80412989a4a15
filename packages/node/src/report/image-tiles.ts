import sharp from 'sharp';
import { imageAt, type LabeledImages } from '@glyph/core/data';

/**
 * Integer upscale so small images (28×28) show as crisp pixels about `targetPx` wide, and large
 * ones are shrunk to fit (factor < 1).
 */
export function tileScale(width: number, height: number, targetPx = 112): number {
  const longest = Math.max(width, height);
  return longest >= targetPx ? targetPx / longest : Math.max(1, Math.floor(targetPx / longest));
}

/** Image `index` of `data` as a PNG, scaled by `tileScale` with nearest-neighbour pixels. */
export async function imageTilePng(data: LabeledImages, index: number, targetPx = 112): Promise<Buffer> {
  const scale = tileScale(data.width, data.height, targetPx);
  const raw = { width: data.width, height: data.height, channels: data.channels };
  return sharp(imageAt(data, index), { raw })
    .resize(Math.round(data.width * scale), Math.round(data.height * scale), { kernel: 'nearest' })
    .png()
    .toBuffer();
}
