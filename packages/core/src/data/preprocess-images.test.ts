import { describe, expect, it } from 'vitest';
import type { PreprocessingSpec } from '../model/metadata';
import { preprocess } from '../preprocess/preprocess';
import type { LabeledImages } from './labeled-images';
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

/** One 6×4 RGB image of a single colour, as a folder of photos decodes it. */
function flatColour(rgb: readonly [number, number, number]): LabeledImages {
  const images = new Uint8Array(6 * 4 * 3);
  for (let p = 0; p < 6 * 4; p++) images.set(rgb, p * 3);
  const labels = Int32Array.from([2]);
  return {
    name: 'photos:train',
    images,
    labels,
    count: 1,
    width: 6,
    height: 4,
    channels: 3,
    classNames: ['x', 'y', 'z'],
  };
}

const toUint8 = (values: Float32Array) =>
  Array.from(values, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));

describe('preprocessImages', () => {
  it('stores each ink image as its preprocess output in uint8 and drops images without ink', () => {
    const input = { width: 28, height: 28, channels: 1 } as const;
    const { set, droppedEmpty } = preprocessImages(blankAndStroke(), { kind: 'ink-mnist' }, input);
    expect(droppedEmpty).toBe(1);
    expect(set).toMatchObject({
      name: 'ink:test',
      count: 1,
      width: 28,
      height: 28,
      channels: 1,
      classNames: ['a', 'b'],
    });
    expect(Array.from(set.labels)).toEqual([1]);
    const stroke = blankAndStroke().images.subarray(256);
    const expected = preprocess(
      { data: stroke, width: 16, height: 16, channels: 1 },
      { kind: 'ink-mnist' },
      input,
    );
    expect(Array.from(set.images)).toEqual(toUint8(expected.input));
    // Ink is bright on black, centred: the border stays 0 and the stroke reaches full scale.
    expect(set.images[0]).toBe(0);
    expect(Math.max(...set.images)).toBe(255);
  });

  it('lays out ink from RGB photos of writing by the emnist recipe too', () => {
    const rgb = blankAndStroke();
    const images = new Uint8Array(rgb.count * 256 * 3);
    rgb.images.forEach((value, i) => images.fill(value, i * 3, i * 3 + 3));
    const photos: LabeledImages = { ...rgb, images, channels: 3 };
    const input = { width: 28, height: 28, channels: 1 } as const;
    const { set, droppedEmpty } = preprocessImages(photos, { kind: 'ink-emnist' }, input);
    expect(droppedEmpty).toBe(1);
    expect(set).toMatchObject({ count: 1, width: 28, height: 28, channels: 1 });
    const stroke = images.subarray(256 * 3);
    const expected = preprocess(
      { data: stroke, width: 16, height: 16, channels: 3 },
      { kind: 'ink-emnist' },
      input,
    );
    expect(Array.from(set.images)).toEqual(toUint8(expected.input));
  });

  it('resizes photos to the model input and keeps every image, even a blank one', () => {
    const { set, droppedEmpty } = preprocessImages(
      blankAndStroke(),
      { kind: 'photo' },
      { width: 8, height: 4, channels: 3 },
    );
    expect(droppedEmpty).toBe(0);
    expect(set).toMatchObject({ count: 2, width: 8, height: 4, channels: 3 });
    expect(Array.from(set.labels)).toEqual([0, 1]);
    expect(set.images).toHaveLength(2 * 8 * 4 * 3);
    expect(Array.from(set.images.subarray(0, 8 * 4 * 3))).toEqual(new Array(8 * 4 * 3).fill(255));
  });

  it('keeps photo colours in RGB, or their integer BT.601 luminance for one channel', () => {
    const colour = flatColour([200, 100, 50]);
    const rgb = preprocessImages(colour, { kind: 'photo' }, { width: 3, height: 2, channels: 3 }).set;
    expect(Array.from(rgb.images)).toEqual(new Array(3 * 2).fill([200, 100, 50]).flat());
    expect(Array.from(rgb.labels)).toEqual([2]);
    const gray = preprocessImages(colour, { kind: 'photo' }, { width: 3, height: 2, channels: 1 }).set;
    // (77·200 + 150·100 + 29·50 + 128) >> 8 = 124
    expect(Array.from(gray.images)).toEqual(new Array(3 * 2).fill(124));
  });

  it('clamps normalised photo values to [0, 1] before scaling to 0..255', () => {
    const spec: PreprocessingSpec = { kind: 'photo', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] };
    // 255 → (1 − 0.5) / 0.25 = 2 → 255; 153 → 0.4 → 102; 51 → −1.2 → 0.
    const { set } = preprocessImages(flatColour([255, 153, 51]), spec, { width: 2, height: 2, channels: 3 });
    expect(Array.from(set.images)).toEqual(new Array(2 * 2).fill([255, 102, 0]).flat());
  });

  it('returns an empty set for an empty set and leaves its input untouched', () => {
    const source = blankAndStroke();
    const before = Array.from(source.images);
    preprocessImages(source, { kind: 'ink-mnist' }, { width: 28, height: 28, channels: 1 });
    expect(Array.from(source.images)).toEqual(before);
    const none: LabeledImages = { ...source, images: new Uint8Array(0), labels: new Int32Array(0), count: 0 };
    const { set, droppedEmpty } = preprocessImages(
      none,
      { kind: 'photo' },
      { width: 4, height: 4, channels: 1 },
    );
    expect(droppedEmpty).toBe(0);
    expect(set).toMatchObject({ count: 0, width: 4, height: 4, channels: 1 });
    expect(set.images).toHaveLength(0);
  });
});
