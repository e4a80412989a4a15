import { describe, expect, it } from 'vitest';
import { classCounts } from './class-counts';
import { contentHash32 } from './content-hash';
import { partitionByContentHash } from './content-hash-split';
import { dedupeImages } from './dedupe-images';
import { imageAt, type LabeledImages } from './labeled-images';
import { concatImages, selectImages } from './select-images';
import { transposeSquareImages } from './transpose-images';
import { seededValidationSplit } from './validation-split';

/** `count` distinct 2×2 gray images (pixel bytes encode the index), labels cycling through classes. */
function tinySet(count: number, classNames = ['a', 'b', 'c'], name = 'tiny'): LabeledImages {
  const images = new Uint8Array(count * 4);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    images.set([i & 255, (i >> 8) & 255, 7, 9], i * 4);
    labels[i] = i % classNames.length;
  }
  return { name, images, labels, count, width: 2, height: 2, channels: 1, classNames };
}

const keyOf = (set: LabeledImages, i: number) => Array.from(imageAt(set, i)).join(',');

describe('partitionByContentHash', () => {
  it('puts about the requested fraction in test, every image exactly once, marked as holdout', () => {
    const set = tinySet(2000);
    const { train, test, holdout } = partitionByContentHash(set, 0.2);
    expect(train.count + test.count).toBe(2000);
    expect(test.count).toBeGreaterThan(330);
    expect(test.count).toBeLessThan(470);
    expect(holdout).toEqual({ fraction: 0.2, method: 'content-hash' });
    expect(test.name).toContain('holdout 0.2');
    for (let i = 0; i < test.count; i++) expect(contentHash32(imageAt(test, i))).toBeLessThan(0.2 * 2 ** 32);
  });

  it('sends identical images to the same side regardless of order or label', () => {
    const base = tinySet(300);
    const doubled = concatImages([base, { ...base, labels: base.labels.map((l) => (l + 1) % 3) }], 'twice');
    const { train, test } = partitionByContentHash(doubled, 0.3);
    const trainKeys = new Set(Array.from({ length: train.count }, (_, i) => keyOf(train, i)));
    for (let i = 0; i < test.count; i++) expect(trainKeys.has(keyOf(test, i))).toBe(false);
    const reversed = selectImages(
      base,
      Array.from({ length: 300 }, (_, i) => 299 - i),
      'reversed',
    );
    const again = partitionByContentHash(reversed, 0.3).test;
    const testKeys = new Set(Array.from({ length: test.count }, (_, i) => keyOf(test, i)));
    for (let i = 0; i < again.count; i++) expect(testKeys.has(keyOf(again, i))).toBe(true);
  });

  it('rejects fractions outside (0, 1) with BAD_USAGE', () => {
    expect(() => partitionByContentHash(tinySet(3), 1)).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE', message: expect.stringContaining('got 1') }),
    );
  });
});

describe('dedupeImages', () => {
  it('keeps the first copy, counts drops and label conflicts', () => {
    const base = tinySet(10);
    const relabelled = { ...selectImages(base, [2, 3], 'x'), labels: Int32Array.of(2, 1) };
    const merged = concatImages([base, selectImages(base, [0, 1], 'y'), relabelled], 'merged');
    const { set, duplicatesDropped, conflictingLabels } = dedupeImages(merged);
    expect(set.count).toBe(10);
    expect(duplicatesDropped).toBe(4);
    expect(conflictingLabels).toBe(1); // the copy of image 3 is labelled 1, the original 0
    expect(Array.from(set.labels)).toEqual(Array.from(base.labels));
  });
});

describe('seededValidationSplit', () => {
  it('is stratified, reproducible per seed and disjoint', () => {
    const set = tinySet(90);
    const a = seededValidationSplit(set, 0.2, 5);
    const b = seededValidationSplit(set, 0.2, 5);
    const c = seededValidationSplit(set, 0.2, 6);
    expect(classCounts(a.validation)).toEqual([6, 6, 6]);
    expect(a.train.count).toBe(72);
    expect(Array.from(b.validation.images)).toEqual(Array.from(a.validation.images));
    expect(Array.from(c.validation.images)).not.toEqual(Array.from(a.validation.images));
    const trainKeys = new Set(Array.from({ length: a.train.count }, (_, i) => keyOf(a.train, i)));
    for (let i = 0; i < a.validation.count; i++) expect(trainKeys.has(keyOf(a.validation, i))).toBe(false);
  });

  it('rejects a fraction of 0 with BAD_USAGE', () => {
    expect(() => seededValidationSplit(tinySet(4), 0, 1)).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE' }),
    );
  });
});

describe('concatImages', () => {
  it('merges label spaces by class name and refuses mixed image sizes', () => {
    const digits = tinySet(2, ['0', '1'], 'digits');
    const letters = tinySet(2, ['1', 'x'], 'letters');
    const merged = concatImages([digits, letters], 'both');
    expect(merged.classNames).toEqual(['0', '1', 'x']);
    expect(Array.from(merged.labels)).toEqual([0, 1, 1, 2]);
    expect(classCounts(merged)).toEqual([1, 2, 1]);
    const wide = { ...letters, width: 4, height: 1 };
    expect(() => concatImages([digits, wide], 'bad')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringContaining('4×1×1') }),
    );
  });
});

describe('transposeSquareImages', () => {
  it('swaps rows and columns of every image', () => {
    const images = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90);
    transposeSquareImages(images, 3);
    expect(Array.from(images)).toEqual([1, 4, 7, 2, 5, 8, 3, 6, 9, 10, 40, 70, 20, 50, 80, 30, 60, 90]);
  });
});
