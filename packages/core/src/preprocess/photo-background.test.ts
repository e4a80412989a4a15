import { describe, expect, it } from 'vitest';
import type { RawImage } from '../image/raw-image';
import type { PreprocessingSpec } from '../model/metadata';
import { preprocess } from './preprocess';

const input28 = { width: 28, height: 28, channels: 1 } as const;
const darkBackground: PreprocessingSpec = { kind: 'photo', background: 'dark' };
const asIs: PreprocessingSpec = { kind: 'photo' };

/** A Fashion-MNIST-like picture: a graded light blob (a "shirt") on black, side×side gray. */
function lightObjectOnBlack(side: number): RawImage {
  const data = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const inside = x > side * 0.2 && x < side * 0.8 && y > side * 0.15 && y < side * 0.9;
      data[y * side + x] = inside ? 120 + ((x * 7 + y * 3) % 120) : 0;
    }
  }
  return { data, width: side, height: side, channels: 1 };
}

/** The same picture as a product shot: dark object on white, as RGB(A) of `channels` samples. */
function inverted(image: RawImage, channels: 1 | 3 | 4): RawImage {
  const data = new Uint8Array(image.width * image.height * channels);
  for (let i = 0; i < image.width * image.height; i++) {
    const value = 255 - image.data[i];
    for (let c = 0; c < channels; c++) data[i * channels + c] = c === 3 ? 255 : value;
  }
  return { data, width: image.width, height: image.height, channels };
}

describe('photo preprocessing with background: dark', () => {
  it('leaves a light object on black as it is', () => {
    const image = lightObjectOnBlack(28);
    const withOption = preprocess(image, darkBackground, input28).input;
    expect([...withOption]).toEqual([...preprocess(image, asIs, input28).input]);
    expect(withOption[0]).toBe(0);
    expect(Math.max(...withOption)).toBeGreaterThan(0.4);
  });

  it.each([1, 3, 4] as const)(
    'inverts a dark object on white (%i channels) into the light-on-black input',
    (channels) => {
      const reference = preprocess(lightObjectOnBlack(28), darkBackground, input28).input;
      const photo = preprocess(inverted(lightObjectOnBlack(28), channels), darkBackground, input28).input;
      expect(photo.length).toBe(reference.length);
      let maxDifference = 0;
      for (let i = 0; i < photo.length; i++)
        maxDifference = Math.max(maxDifference, Math.abs(photo[i] - reference[i]));
      expect(maxDifference).toBeLessThan(1e-6);
      // Without the option the same photo stays light: the model would read a white frame.
      expect(preprocess(inverted(lightObjectOnBlack(28), channels), asIs, input28).input[0]).toBe(1);
    },
  );

  it('decides on the border after the centre crop and resize of a larger photo', () => {
    // 84×56 product shot: the object fills the middle, white margins left and right get cropped.
    const square = inverted(lightObjectOnBlack(56), 3);
    const data = new Uint8Array(84 * 56 * 3).fill(255);
    for (let y = 0; y < 56; y++)
      data.set(square.data.subarray(y * 56 * 3, (y + 1) * 56 * 3), (y * 84 + 14) * 3);
    const photo = preprocess({ data, width: 84, height: 56, channels: 3 }, darkBackground, input28).input;
    const direct = preprocess(lightObjectOnBlack(56), darkBackground, input28).input;
    for (let i = 0; i < photo.length; i++) expect(photo[i]).toBeCloseTo(direct[i], 5);
    expect(photo[0]).toBe(0);
  });

  it('is refused by the metadata schema for any other value', async () => {
    const { preprocessingSpecSchema } = await import('../model/metadata');
    expect(preprocessingSpecSchema.safeParse({ kind: 'photo', background: 'dark' }).success).toBe(true);
    expect(preprocessingSpecSchema.safeParse({ kind: 'photo', background: 'light' }).success).toBe(false);
  });
});
