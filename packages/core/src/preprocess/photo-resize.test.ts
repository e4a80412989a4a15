import { describe, expect, it } from 'vitest';
import type { RawImage } from '../image/raw-image';
import { preprocess } from './preprocess';

/** 40×20 RGB: red in the left quarter, green in the middle half, blue in the right quarter. */
function stripes(): RawImage {
  const width = 40;
  const height = 20;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const channel = x < 10 ? 0 : x < 30 ? 1 : 2;
      data[(y * width + x) * 3 + channel] = 255;
    }
  return { data, width, height, channels: 3 };
}

const input = { width: 8, height: 8, channels: 3 as const };
const pixel = (values: Float32Array, x: number, y: number) =>
  Array.from(values.subarray((y * 8 + x) * 3, (y * 8 + x) * 3 + 3));

describe('photo resize', () => {
  it('centre-crops by default: the wide picture loses its sides', () => {
    const { input: values } = preprocess(stripes(), { kind: 'photo' }, input);
    expect(pixel(values, 0, 4)).toEqual([0, 1, 0]);
    expect(pixel(values, 7, 4)).toEqual([0, 1, 0]);
  });

  it("'stretch' keeps the whole picture, squashed to the input", () => {
    const { input: values } = preprocess(stripes(), { kind: 'photo', resize: 'stretch' }, input);
    expect(pixel(values, 0, 4)).toEqual([1, 0, 0]);
    expect(pixel(values, 4, 4)).toEqual([0, 1, 0]);
    expect(pixel(values, 7, 4)).toEqual([0, 0, 1]);
  });
});
