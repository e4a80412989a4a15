import { afterAll, describe, expect, it } from 'vitest';
import { imageAt } from '@glyph/core/data';
import { loadDataset } from './load-dataset';
import { gzip, idxBytes, removeTempDirs, tempDir, writeFiles } from '../testing';

afterAll(removeTempDirs);

/** `count` distinct 2×2 images and labels 0..9 cycling. */
function mnistLike(count: number, seed: number) {
  const pixels = Array.from({ length: count * 4 }, (_, i) => (i * 37 + seed) & 255);
  const labels = Array.from({ length: count }, (_, i) => i % 10);
  return { images: gzip(idxBytes([count, 2, 2], pixels)), labels: gzip(idxBytes([count], labels)) };
}

async function mnistDir(splits: { train?: number; test?: number }): Promise<string> {
  const dir = await tempDir();
  const files: Record<string, Uint8Array> = {};
  if (splits.train) {
    const train = mnistLike(splits.train, 1);
    files['mnist/train-images-idx3-ubyte.gz'] = train.images;
    files['mnist/train-labels-idx1-ubyte.gz'] = train.labels;
  }
  if (splits.test) {
    const test = mnistLike(splits.test, 2);
    files['mnist/t10k-images-idx3-ubyte.gz'] = test.images;
    files['mnist/t10k-labels-idx1-ubyte.gz'] = test.labels;
  }
  await writeFiles(dir, files);
  return dir;
}

const lettersMapping = Array.from({ length: 26 }, (_, i) => `${i + 1} ${65 + i} ${97 + i}`).join('\n');

describe('loadDataset (known IDX datasets)', () => {
  it('loads both MNIST splits with digit classes and a stable sha256 of the files', async () => {
    const dataDir = await mnistDir({ train: 20, test: 10 });
    const dataset = await loadDataset('mnist', { dataDir });
    expect(dataset.train?.count).toBe(20);
    expect(dataset.test?.count).toBe(10);
    expect(dataset.train?.name).toBe('mnist:train');
    expect(dataset.test?.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(dataset.notes).toEqual([]);
    expect(dataset.holdout).toBeUndefined();
    expect((await loadDataset('mnist', { dataDir })).sha256).toBe(dataset.sha256);
    expect((await loadDataset('mnist:test', { dataDir })).sha256).not.toBe(dataset.sha256);
  });

  it('loads the split that exists and says so in notes; a named missing split is DATASET_MISSING', async () => {
    const dataDir = await mnistDir({ test: 10 });
    const dataset = await loadDataset('mnist', { dataDir });
    expect(dataset.train).toBeUndefined();
    expect(dataset.test?.count).toBe(10);
    expect(dataset.notes[0]).toMatch(
      /Loaded only the test split: the train files \(train-images-idx3-ubyte\.gz/,
    );
    await expect(loadDataset('mnist:train', { dataDir })).rejects.toMatchObject({
      code: 'DATASET_MISSING',
      message: expect.stringMatching(
        /mnist:train \(train-images.*\) not found in .*mnist\. Run "glyph data download mnist"/,
      ),
    });
  });

  it('reports an empty data folder as DATASET_MISSING with how to fix it', async () => {
    const dataDir = await tempDir();
    await expect(loadDataset('emnist-digits', { dataDir })).rejects.toMatchObject({
      code: 'DATASET_MISSING',
      message: expect.stringMatching(/emnist-digits:train .* and emnist-digits:test .*GLYPH_DATA_DIR/),
    });
  });

  it('rejects labels outside the classes with DATASET_CORRUPT', async () => {
    const dataDir = await tempDir();
    await writeFiles(dataDir, {
      'mnist/t10k-images-idx3-ubyte.gz': gzip(idxBytes([2, 1, 1], [0, 0])),
      'mnist/t10k-labels-idx1-ubyte.gz': gzip(idxBytes([2], [3, 10])),
    });
    await expect(loadDataset('mnist:test', { dataDir })).rejects.toMatchObject({
      code: 'DATASET_CORRUPT',
      message: expect.stringMatching(/t10k-labels-idx1-ubyte\.gz: label 10 of item 1/),
    });
  });

  it('turns EMNIST images upright and names classes from the mapping file', async () => {
    const dataDir = await tempDir();
    await writeFiles(dataDir, {
      'emnist/emnist-byclass-test-images-idx3-ubyte.gz': gzip(idxBytes([1, 2, 2], [1, 2, 3, 4])),
      'emnist/emnist-byclass-test-labels-idx1-ubyte.gz': gzip(idxBytes([1], [2])),
    });
    await expect(loadDataset('emnist-byclass:test', { dataDir })).rejects.toMatchObject({
      code: 'DATASET_MISSING',
      message: expect.stringContaining('emnist-byclass-mapping.txt (the class names of emnist-byclass)'),
    });
    await writeFiles(dataDir, { 'emnist/emnist-byclass-mapping.txt': '0 48\n1 49\n2 65\n3 97\n' });
    const { test } = await loadDataset('emnist-byclass:test', { dataDir });
    expect(Array.from(test!.images)).toEqual([1, 3, 2, 4]);
    expect(test!.classNames).toEqual(['0', '1', 'A', 'a']);
    expect(Array.from(test!.labels)).toEqual([2]);
  });

  it('assembles emnist-letters:test from the partial file plus byclass letters, deduplicated', async () => {
    const dataDir = await tempDir();
    // Partial letters: two images labelled a (1) and b (2). Byclass: a digit, an "A" identical to the
    // partial "a" image, and a new lower-case "c".
    await writeFiles(dataDir, {
      'emnist/emnist-letters-test-partial-images-idx3-ubyte.gz': gzip(idxBytes([2, 1, 1], [10, 20])),
      'emnist/emnist-letters-test-partial-labels-idx1-ubyte.gz': gzip(idxBytes([2], [1, 2])),
      'emnist/emnist-letters-mapping.txt': lettersMapping,
      'emnist/emnist-byclass-test-images-idx3-ubyte.gz': gzip(idxBytes([3, 1, 1], [5, 10, 30])),
      'emnist/emnist-byclass-test-labels-idx1-ubyte.gz': gzip(idxBytes([3], [0, 10, 38])),
      'emnist/emnist-byclass-mapping.txt': Array.from(
        { length: 62 },
        (_, i) => `${i} ${i < 10 ? 48 + i : i < 36 ? 55 + i : 61 + i}`,
      ).join('\n'),
    });
    const dataset = await loadDataset('emnist-letters', { dataDir });
    const test = dataset.test!;
    expect(test.classNames).toHaveLength(26);
    expect(test.count).toBe(3);
    expect(Array.from(test.labels)).toEqual([0, 1, 2]);
    expect(Array.from(imageAt(test, 2))).toEqual([30]);
    expect(dataset.notes.join('\n')).toMatch(
      /partial letters test file \(2 images, classes a\.\.b only\) plus the 2 letter images of emnist-byclass:test/,
    );
    expect(dataset.notes.join('\n')).toContain('1 duplicates dropped');
  });
});

describe('loadDataset with holdout and dedupe', () => {
  it('partitions the named split by content hash and records the holdout', async () => {
    const dataDir = await mnistDir({ train: 20, test: 200 });
    const dataset = await loadDataset('mnist:test', { dataDir, holdout: 0.25 });
    expect(dataset.holdout).toEqual({ fraction: 0.25, method: 'content-hash' });
    expect(dataset.train!.count + dataset.test!.count).toBe(200);
    expect(dataset.test!.count).toBeGreaterThan(25);
    expect(dataset.test!.count).toBeLessThan(75);
    expect(dataset.notes.join('\n')).toMatch(/content-hash holdout of mnist:test/);
    const again = await loadDataset('mnist:test', { dataDir, holdout: 0.25 });
    expect(Array.from(again.test!.images)).toEqual(Array.from(dataset.test!.images));
  });

  it('partitions train when both splits exist and no split is named', async () => {
    const dataDir = await mnistDir({ train: 40, test: 10 });
    const dataset = await loadDataset('mnist', { dataDir, holdout: 0.5 });
    expect(dataset.train!.count + dataset.test!.count).toBe(40);
    expect(dataset.train!.name).toBe('mnist:train (holdout 0.5, train part)');
    // The digest covers the partitioned split only, so `mnist` and `mnist:train` agree.
    const named = await loadDataset('mnist:train', { dataDir, holdout: 0.5 });
    expect(dataset.sha256).toBe(named.sha256);
    expect(dataset.sha256).not.toBe((await loadDataset('mnist', { dataDir })).sha256);
  });

  it('rejects a holdout outside (0, 1) with BAD_USAGE', async () => {
    await expect(loadDataset('mnist', { holdout: 1.5 })).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringContaining('got 1.5'),
    });
  });

  it('drops identical images within a split when asked', async () => {
    const dataDir = await tempDir();
    await writeFiles(dataDir, {
      'mnist/t10k-images-idx3-ubyte.gz': gzip(idxBytes([3, 1, 1], [7, 7, 8])),
      'mnist/t10k-labels-idx1-ubyte.gz': gzip(idxBytes([3], [1, 2, 3])),
    });
    const dataset = await loadDataset('mnist:test', { dataDir, dedupe: true });
    expect(dataset.test!.count).toBe(2);
    expect(dataset.notes.join('\n')).toMatch(/1 identical images dropped \(1 had a different label/);
  });
});
