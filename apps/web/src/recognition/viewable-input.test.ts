import { describe, expect, it } from 'vitest';
import { viewableModelInput } from './viewable-input';

describe('viewableModelInput', () => {
  it('leaves ink inputs and un-normalised photo inputs as they are', () => {
    const pixels = Float32Array.from([0, 0.25, 1]);
    expect(viewableModelInput(pixels, 1, { kind: 'ink-mnist' })).toBe(pixels);
    expect(viewableModelInput(pixels, 3, { kind: 'photo' })).toBe(pixels);
  });

  it('undoes per-channel mean/std normalisation of an RGB photo input', () => {
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    // Two pixels of a picture, normalised the way the photo preprocessing does it.
    const picture = [0.1, 0.5, 0.9, 1, 0, 0.3];
    const normalised = Float32Array.from(picture, (value, i) => (value - mean[i % 3]) / std[i % 3]);
    const shown = viewableModelInput(normalised, 3, { kind: 'photo', mean, std });
    Array.from(shown).forEach((value, i) => expect(value).toBeCloseTo(picture[i], 5));
  });

  it('treats a missing std as 1 and a missing mean as 0', () => {
    const pixels = Float32Array.from([-0.5, 0.5]);
    expect(Array.from(viewableModelInput(pixels, 1, { kind: 'photo', mean: [0.5] }))).toEqual([0, 1]);
    expect(Array.from(viewableModelInput(pixels, 1, { kind: 'photo', std: [2] }))).toEqual([-1, 1]);
  });
});
