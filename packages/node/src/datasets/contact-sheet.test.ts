import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { LabeledImages } from '@glyph/core';
import { renderContactSheet } from './contact-sheet';

describe('renderContactSheet', () => {
  it('draws one row per class with magnified samples of that class', async () => {
    // Class "dark" images are 0, class "light" images are 255; 2×2 pixels each, three per class.
    const labels = Int32Array.of(0, 1, 0, 1, 0, 1);
    const images = new Uint8Array(6 * 4);
    labels.forEach((label, i) => images.fill(label === 0 ? 0 : 255, i * 4, i * 4 + 4));
    const set: LabeledImages = {
      name: 'tiny:train',
      images,
      labels,
      count: 6,
      width: 2,
      height: 2,
      channels: 1,
      classNames: ['dark', 'light'],
    };
    const png = await renderContactSheet(set, { samplesPerClass: 2, scale: 10 });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const labelWidth = 16 + 5 * 9;
    const titleHeight = 24;
    expect(info.width).toBe(labelWidth + 2 * 22 + 2);
    expect(info.height).toBe(titleHeight + 2 * 22 + 2);
    const pixel = (x: number, y: number) => data[(y * info.width + x) * info.channels];
    // Centre of the first cell of each row.
    expect(pixel(labelWidth + 2 + 10, titleHeight + 2 + 10)).toBe(0);
    expect(pixel(labelWidth + 2 + 10, titleHeight + 2 + 22 + 10)).toBe(255);
    expect(pixel(labelWidth + 2 + 22 + 10, titleHeight + 2 + 22 + 10)).toBe(255);
  });
});
