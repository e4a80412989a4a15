// Integration tests against the real files in the shared datasets folder (GLYPH_DATA_DIR).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classCounts, imageAt, type LabeledImages } from '@glyph/core/data';
import { loadDataset } from './load-dataset';
import { sharedDataDir } from '../testing';

/** Mean spread of ink along rows (vertical) and columns (horizontal) over the images of one class. */
function inkSpread(set: LabeledImages, classIndex: number): { vertical: number; horizontal: number } {
  let vertical = 0;
  let horizontal = 0;
  for (let i = 0; i < set.count; i++) {
    if (set.labels[i] !== classIndex) continue;
    const pixels = imageAt(set, i);
    let mass = 0;
    let [sy, sx, syy, sxx] = [0, 0, 0, 0];
    for (let y = 0; y < set.height; y++) {
      for (let x = 0; x < set.width; x++) {
        const ink = pixels[y * set.width + x];
        mass += ink;
        sy += ink * y;
        sx += ink * x;
        syy += ink * y * y;
        sxx += ink * x * x;
      }
    }
    vertical += syy / mass - (sy / mass) ** 2;
    horizontal += sxx / mass - (sx / mass) ** 2;
  }
  return { vertical, horizontal };
}

describe('shared datasets', () => {
  it('loads MNIST with its true sizes and class counts', async () => {
    const dataset = await loadDataset('mnist', { dataDir: sharedDataDir() });
    expect(dataset.train!.count).toBe(60000);
    expect(dataset.test!.count).toBe(10000);
    expect(classCounts(dataset.train!)[1]).toBe(6742);
    expect(classCounts(dataset.test!)[5]).toBe(892);
    expect([dataset.train!.width, dataset.train!.height]).toEqual([28, 28]);
    // A "1" is a vertical stroke: upright images spread ink along rows far more than along columns.
    const ones = inkSpread(dataset.test!, 1);
    expect(ones.vertical).toBeGreaterThan(3 * ones.horizontal);
  });

  it('splits mnist:test by content hash reproducibly', async () => {
    const dataset = await loadDataset('mnist:test', { dataDir: sharedDataDir(), holdout: 0.2 });
    expect(dataset.train!.count + dataset.test!.count).toBe(10000);
    expect(Math.abs(dataset.test!.count - 2000)).toBeLessThan(150);
    expect(dataset.holdout).toEqual({ fraction: 0.2, method: 'content-hash' });
  });

  // The only test that reads byclass (116k images): byclass itself, then letters, which merges it.
  it('loads emnist-byclass:test upright, and emnist-letters assembled from it', async () => {
    const dataDir = sharedDataDir();
    const byclass = await loadDataset('emnist-byclass:test', { dataDir });
    const test = byclass.test!;
    expect(test.count).toBe(116323);
    expect(test.classNames).toHaveLength(62);
    expect(test.classNames.slice(9, 12)).toEqual(['9', 'A', 'B']);
    const ones = inkSpread(test, 1);
    expect(ones.vertical).toBeGreaterThan(3 * ones.horizontal);

    const letters = await loadDataset('emnist-letters', { dataDir });
    expect(letters.train).toBeUndefined();
    expect(letters.test!.classNames).toEqual(
      Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i)),
    );
    expect(classCounts(letters.test!).every((count) => count > 500)).toBe(true);
    expect(letters.notes.join('\n')).toMatch(
      /partial letters test file \(14800 images, classes a\.\.s only\)/,
    );
    expect(letters.notes.join('\n')).toMatch(/\d+ duplicates dropped/);

    // emnist-digits:test: the byclass test digits, relabelled 0..9, upright like byclass.
    const digits = await loadDataset('emnist-digits:test', { dataDir });
    const digitsCount = classCounts(test)
      .slice(0, 10)
      .reduce((a, b) => a + b, 0);
    expect(digits.test!.count).toBe(digitsCount);
    expect(digits.test!.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const digitOnes = inkSpread(digits.test!, 1);
    expect(digitOnes.vertical).toBeGreaterThan(3 * digitOnes.horizontal);
    expect(digits.notes.join('\n')).toMatch(/assembled locally/);
  });

  it('loads the alphabet folder: 26 classes of 60×60 grayscale', async () => {
    const dataset = await loadDataset(`folder:${join(sharedDataDir(), 'alphabet')}`);
    const train = dataset.train!;
    expect(train.classNames).toHaveLength(26);
    expect(train.count).toBe(501);
    expect([train.width, train.height, train.channels]).toEqual([60, 60, 1]);
    expect(dataset.skipped).toBeUndefined();
  });
});
