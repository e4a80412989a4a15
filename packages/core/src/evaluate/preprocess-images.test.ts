import { describe, expect, it } from 'vitest';
import type { LabeledImages } from '../data/labeled-images';
import { preprocess } from '../preprocess/preprocess';
import { preprocessImages } from './preprocess-images';

/** Two 16×16 gray images on white: image 0 blank, image 1 a thick dark vertical stroke. */
function blankAndStroke(): LabeledImages {
  const images = new Uint8Array(2 * 256).fill(255);
  for (let y = 3; y < 13; y++) images.fill(0, 256 + y * 16 + 6, 256 + y * 16 + 9);
  return {
    name: 'ink:test',
    images,
    labels: Int32Array.from([0, 1]),
    count: 2,
    width: 16,
    height: 16,
    channels: 1,
    classNames: ['a', 'b'],
  };
}

describe('preprocessImages', () => {
  it('turns each image into model input as uint8 and drops images without ink', () => {
    const input = { width: 28, height: 28, channels: 1 } as const;
    const { set, droppedEmpty } = preprocessImages(blankAndStroke(), { kind: 'ink-mnist' }, input);
    expect(droppedEmpty).toBe(1);
    expect(set).toMatchObject({ count: 1, width: 28, height: 28, channels: 1, classNames: ['a', 'b'] });
    expect(Array.from(set.labels)).toEqual([1]);
    const stroke = blankAndStroke().images.subarray(256);
    const expected = preprocess(
      { data: stroke, width: 16, height: 16, channels: 1 },
      { kind: 'ink-mnist' },
      input,
    ).input;
    expect(Array.from(set.images)).toEqual(
      Array.from(expected, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)),
    );
  });

  it('resizes photos to the model input and channel count', () => {
    const { set, droppedEmpty } = preprocessImages(
      blankAndStroke(),
      { kind: 'photo' },
      { width: 8, height: 4, channels: 3 },
    );
    expect(droppedEmpty).toBe(0);
    expect(set).toMatchObject({ count: 2, width: 8, height: 4, channels: 3 });
    expect(set.images).toHaveLength(2 * 8 * 4 * 3);
  });
});
