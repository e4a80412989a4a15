// The known dataset `fashion-mnist`: its spec, class names and files (real files when GLYPH_DATA_DIR
// has them, skipped with a note otherwise), and the photo preprocessing its models get by default.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { classCounts, imageAt, preprocessImages } from '@glyph/core/data';
import { downloadRegistry } from '../download/download-registry';
import { resolveDownloadName } from '../download/download-dataset';
import { defaultPreprocess, prepareData } from '../train/prepare-data';
import { gzip, idxBytes, removeTempDirs, tempDir, tinyConfig, writeFiles } from '../testing';
import { parseDatasetSpec, splitDatasetSpecs } from './dataset-spec';
import { knownDatasets } from './known-datasets';
import { labelToDirName } from './label-folder-name';
import { loadDataset } from './load-dataset';

const sharedFolder = process.env.GLYPH_DATA_DIR
  ? join(resolve(process.env.GLYPH_DATA_DIR), 'fashion-mnist')
  : '';
const available = sharedFolder !== '' && existsSync(join(sharedFolder, 't10k-images-idx3-ubyte.gz'));
if (!available) {
  console.warn(
    'Skipping the Fashion-MNIST file checks: no fashion-mnist folder under GLYPH_DATA_DIR (run with GLYPH_DATA_DIR=../shared/datasets).',
  );
}

const published = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

afterAll(removeTempDirs);

describe('fashion-mnist as a known dataset', () => {
  it('parses with and without a split and joins with other specs', () => {
    expect(parseDatasetSpec('fashion-mnist:test')).toEqual({
      kind: 'known',
      name: 'fashion-mnist',
      split: 'test',
    });
    expect(splitDatasetSpecs('fashion-mnist+folder:./more')).toEqual(['fashion-mnist', 'folder:./more']);
  });

  it('names the published classes in label order, as readable folder names', () => {
    const { classNames } = knownDatasets['fashion-mnist'];
    expect(classNames).toHaveLength(published.length);
    // Each name is the published one lower-cased with every run of other characters made one dash.
    const kebab = published.map((name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
    expect(classNames).toEqual(kebab);
    for (const name of classNames!) expect(labelToDirName(name)).toBe(name);
  });

  it('trains photo models by default and downloads its own four files', () => {
    expect(defaultPreprocess('fashion-mnist')).toBe('photo');
    expect(defaultPreprocess('mnist')).toBe('ink-mnist');
    expect(resolveDownloadName('fashion-mnist')).toBe('fashion-mnist');
    const files = downloadRegistry['fashion-mnist'].files;
    expect(files.map((file) => file.fileName).sort()).toEqual(
      Object.values(knownDatasets['fashion-mnist'].files)
        .flatMap((split) => [split.images, split.labels])
        .sort(),
    );
    for (const file of files) expect(file.md5).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads IDX files from its own folder with class names for labels', async () => {
    const dataDir = await tempDir();
    const pixels = Array.from({ length: 3 * 4 }, (_, i) => i * 20);
    await writeFiles(dataDir, {
      'fashion-mnist/t10k-images-idx3-ubyte.gz': gzip(idxBytes([3, 2, 2], pixels)),
      'fashion-mnist/t10k-labels-idx1-ubyte.gz': gzip(idxBytes([3], [9, 0, 6])),
    });
    const { test } = await loadDataset('fashion-mnist:test', { dataDir });
    expect(test!.classNames[9]).toBe('ankle-boot');
    expect([...test!.labels]).toEqual([9, 0, 6]);
    expect([...imageAt(test!, 2)]).toEqual(pixels.slice(8));
  });
});

describe('training on fashion-mnist', () => {
  it('records photo preprocessing with a dark background, and reads product shots on white inverted', async () => {
    const dataDir = await tempDir();
    // Two 28×28 "bags" (label 8): a light square on black.
    const bag = Array.from({ length: 28 * 28 }, (_, i) => {
      const [x, y] = [i % 28, Math.floor(i / 28)];
      return x > 6 && x < 21 && y > 8 && y < 24 ? 200 : 0;
    });
    await writeFiles(dataDir, {
      'fashion-mnist/train-images-idx3-ubyte.gz': gzip(idxBytes([2, 28, 28], [...bag, ...bag])),
      'fashion-mnist/train-labels-idx1-ubyte.gz': gzip(idxBytes([2], [8, 8])),
      // The same bag as a product shot: a dark square on white, 56×56.
      'shots/bag/1.png': await png(56, (x, y) => (x > 13 && x < 42 && y > 17 && y < 48 ? 55 : 255)),
    });
    const config = tinyConfig(`fashion-mnist+folder:${join(dataDir, 'shots')}`, { valSplit: 0 });
    const data = await prepareData(config, [28, 28, 1], dataDir);
    expect(data.preprocessing).toEqual({ kind: 'photo', background: 'dark' });
    expect(data.task).toBe('image');
    expect(data.train.count).toBe(3);
    const shot = [0, 1, 2]
      .map((i) => imageAt(data.train, i))
      .find((pixels) => pixels[0] === 0 && pixels[14 * 28 + 14] > 150);
    expect(shot).toBeDefined();

    const ink = tinyConfig('fashion-mnist', { preprocess: 'ink-mnist' });
    await expect(prepareData(ink, [28, 28, 1], dataDir)).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringMatching(/holds photos.*--preprocess photo/),
    });
  });
});

/** A gray PNG from `value(x, y)`, as a camera or shop picture would arrive. */
async function png(side: number, value: (x: number, y: number) => number): Promise<Uint8Array> {
  const pixels = Uint8Array.from({ length: side * side }, (_, i) => value(i % side, Math.floor(i / side)));
  return sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
    .png()
    .toBuffer();
}

describe.skipIf(!available)('fashion-mnist files under GLYPH_DATA_DIR', () => {
  it('holds 60000 train and 10000 test images, 6000 and 1000 of each class, light objects on black', async () => {
    const dataset = await loadDataset('fashion-mnist', { dataDir: resolve(process.env.GLYPH_DATA_DIR!) });
    const { train, test } = dataset;
    expect([train!.count, test!.count]).toEqual([60000, 10000]);
    expect(classCounts(train!)).toEqual(Array(10).fill(6000));
    expect(classCounts(test!)).toEqual(Array(10).fill(1000));
    expect([test!.width, test!.height, test!.channels]).toEqual([28, 28, 1]);
    // Polarity: the outer ring is dark on average, the middle bright (what `background: dark` expects).
    let border = 0;
    let middle = 0;
    for (let i = 0; i < 500; i++) {
      const pixels = imageAt(test!, i);
      for (let x = 0; x < 28; x++) border += pixels[x] + pixels[27 * 28 + x];
      middle += pixels[14 * 28 + 14];
    }
    expect(border / (500 * 56)).toBeLessThan(30);
    expect(middle / 500).toBeGreaterThan(100);
    // No test image has a light border, so the recipe a fashion model records passes every one
    // through unchanged: evaluation on the IDX bytes and prediction on the same picture agree.
    const { set } = preprocessImages(test!, { kind: 'photo', background: 'dark' }, test!);
    expect(set.count).toBe(test!.count);
    expect(Buffer.from(set.images).equals(Buffer.from(test!.images))).toBe(true);
  });
});
