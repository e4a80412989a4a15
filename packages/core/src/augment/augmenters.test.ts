import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/seeded-random';
import { characterAugmenter } from './character-augmenter';
import { photoAugmenter } from './photo-augmenter';
import { changeStrokeThickness } from './stroke-thickness';

const side = 16;
const shape = { width: side, height: side, channels: 1 };

/** An "L" with 2-px strokes: asymmetric left-right, bright ink on black. */
function letterL(background = 0, ink = 255): Uint8Array {
  const image = new Uint8Array(side * side).fill(background);
  for (let y = 3; y < 13; y++) image[y * side + 3] = image[y * side + 4] = ink;
  for (let x = 3; x < 11; x++) image[11 * side + x] = image[12 * side + x] = ink;
  return image;
}

function mirrored(image: Float32Array): Float32Array {
  const out = new Float32Array(image.length);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) out[y * side + x] = image[y * side + side - 1 - x];
  return out;
}

function correlation(a: Float32Array, b: Float32Array): number {
  const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('character augmenter', () => {
  it('is reproducible for a seed and varies between draws', () => {
    const augment = characterAugmenter();
    const draw = (random: () => number) => {
      const target = new Float32Array(side * side);
      augment(letterL(), target, shape, random);
      return target;
    };
    const random = mulberry32(3);
    const [first, second] = [draw(random), draw(random)];
    const replay = mulberry32(3);
    expect(draw(replay)).toEqual(first);
    expect(second).not.toEqual(first);
  });

  it('keeps the glyph recognisable and never mirrors it', () => {
    const augment = characterAugmenter();
    const random = mulberry32(1);
    const original = Float32Array.from(letterL(), (v) => v / 255);
    let same = 0;
    let mirror = 0;
    for (let i = 0; i < 40; i++) {
      const target = new Float32Array(side * side);
      augment(letterL(), target, shape, random);
      same += correlation(target, original) / 40;
      mirror += correlation(target, mirrored(original)) / 40;
      expect(Math.min(...target)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...target)).toBeLessThanOrEqual(1);
    }
    expect(same).toBeGreaterThan(0.4);
    expect(same).toBeGreaterThan(mirror + 0.2);
  });

  it('fills with the background of dark-ink-on-white images', () => {
    const augment = characterAugmenter({ maxTranslation: 0.2 });
    const target = new Float32Array(side * side);
    augment(letterL(255, 0), target, shape, mulberry32(5));
    expect(target[0]).toBeCloseTo(1);
    expect(target[side * side - 1]).toBeCloseTo(1);
  });
});

describe('stroke thickness', () => {
  const ink = (image: Float32Array) => image.reduce((sum, v) => sum + v, 0);
  const base = () => Float32Array.from(letterL(), (v) => v / 255);

  it('thickens bright ink with a positive amount and thins it with a negative one', () => {
    const thick = base();
    changeStrokeThickness(thick, shape, 1, true);
    const thin = base();
    changeStrokeThickness(thin, shape, -1, true);
    const half = base();
    changeStrokeThickness(half, shape, 0.5, true);
    expect(ink(thick)).toBeGreaterThan(ink(base()));
    expect(ink(thin)).toBeLessThan(ink(base()));
    expect(ink(half)).toBeCloseTo((ink(thick) + ink(base())) / 2, 3);
  });

  it('thickens dark ink by darkening', () => {
    const dark = Float32Array.from(letterL(255, 0), (v) => v / 255);
    const before = ink(dark);
    changeStrokeThickness(dark, shape, 1, false);
    expect(ink(dark)).toBeLessThan(before);
  });
});

describe('photo augmenter', () => {
  const rgb = { width: 8, height: 8, channels: 3 };
  const gradient = Uint8Array.from({ length: 8 * 8 * 3 }, (_, i) => (Math.floor(i / 3) % 8) * 30);

  it('mirrors about half of the time and stays within [0,1]', () => {
    const augment = photoAugmenter({ minCropScale: 1, maxBrightness: 0, maxContrast: 0 });
    const random = mulberry32(9);
    let flips = 0;
    for (let i = 0; i < 200; i++) {
      const target = new Float32Array(gradient.length);
      augment(gradient, target, rgb, random);
      if (target[0] > target[3 * 7]) flips += 1; // left brighter than right: mirrored
      expect(Math.max(...target)).toBeLessThanOrEqual(1);
    }
    expect(flips).toBeGreaterThan(70);
    expect(flips).toBeLessThan(130);
  });

  it('changes brightness and contrast within the limits', () => {
    const augment = photoAugmenter({
      flipProbability: 0,
      minCropScale: 1,
      maxBrightness: 0.1,
      maxContrast: 0,
      maxColourShift: 0,
    });
    const flat = new Uint8Array(8 * 8 * 3).fill(128);
    const target = new Float32Array(flat.length);
    augment(flat, target, rgb, mulberry32(2));
    const shift = target[0] - 128 / 255;
    expect(Math.abs(shift)).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(new Set(target).size).toBe(1);
  });

  it('casts a colour: each channel scaled by its own gain within the limit', () => {
    const augment = photoAugmenter({
      flipProbability: 0,
      minCropScale: 1,
      maxBrightness: 0,
      maxContrast: 0,
      maxRotation: 0,
      maxColourShift: 0.1,
    });
    const flat = new Uint8Array(8 * 8 * 3).fill(128);
    const target = new Float32Array(flat.length);
    augment(flat, target, rgb, mulberry32(5));
    const gains = [0, 1, 2].map((channel) => target[channel] / (128 / 255));
    for (const gain of gains) expect(Math.abs(gain - 1)).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(new Set(gains).size).toBe(3);
    // Every pixel of a channel gets the same gain.
    for (let i = 0; i < target.length; i++) expect(target[i]).toBeCloseTo(target[i % 3], 6);
  });

  it('rotates a little: a centred bar stays near the centre but leaves its row', () => {
    const augment = photoAugmenter({
      flipProbability: 0,
      minCropScale: 1,
      maxBrightness: 0,
      maxContrast: 0,
      maxColourShift: 0,
      maxRotation: 10,
    });
    const size = 32;
    const bar = new Uint8Array(size * size * 3);
    for (let x = 4; x < 28; x++) for (let c = 0; c < 3; c++) bar[(16 * size + x) * 3 + c] = 255;
    const target = new Float32Array(bar.length);
    const shape = { width: size, height: size, channels: 3 };
    let moved = 0;
    const random = mulberry32(9);
    for (let trial = 0; trial < 10; trial++) {
      augment(bar, target, shape, random);
      // The bar's ends move up or down by at most sin(10°)·12 ≈ 2 pixels.
      let offRow = 0;
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++)
          if (target[(y * size + x) * 3] > 0.5) {
            expect(Math.abs(y - 16)).toBeLessThanOrEqual(3);
            if (y !== 16) offRow++;
          }
      if (offRow > 0) moved++;
    }
    expect(moved).toBeGreaterThan(5);
  });
});
