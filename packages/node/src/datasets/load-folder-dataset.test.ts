import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classCounts, imageAt } from '@glyph/core/data';
import { loadDataset } from './load-dataset';
import { removeTempDirs, tempDir, writeFiles } from '../testing';

afterAll(removeTempDirs);

type Format = 'png' | 'jpeg' | 'webp' | 'gif';

/** A solid-colour image in the given format. */
async function image(
  format: Format,
  width: number,
  height: number,
  rgb: [number, number, number],
): Promise<Buffer> {
  const base = sharp({
    create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } },
  });
  return base
    .toFormat(format, format === 'jpeg' ? { quality: 100 } : format === 'webp' ? { lossless: true } : {})
    .toBuffer();
}

const gray = (value: number): [number, number, number] => [value, value, value];

describe('folder datasets', () => {
  let flat: string;

  beforeAll(async () => {
    flat = await tempDir();
    await writeFiles(flat, {
      'cat/1.png': await image('png', 6, 4, gray(10)),
      'cat/2.jpg': await image('jpeg', 6, 4, gray(200)),
      'cat/10.webp': await image('webp', 6, 4, gray(60)),
      'dog/a.gif': await image('gif', 6, 4, gray(250)),
      'dog/big.png': await image('png', 10, 10, gray(0)),
      'dog/broken.png': Buffer.from('\x89PNG\r\n\x1a\nnot really'),
      'dog/readme.txt': 'not an image',
      '.hidden/x.png': await image('png', 6, 4, gray(0)),
    });
  });

  it('reads class folders in PNG, JPEG, WebP and GIF at the most common size, skipping what fails', async () => {
    const progress: number[] = [];
    const dataset = await loadDataset(`folder:${flat}`, {
      onProgress: (done, total) => progress.push(done / total),
    });
    const train = dataset.train!;
    expect(dataset.name).toBe(`folder:${flat}`);
    expect(train.classNames).toEqual(['cat', 'dog']);
    expect([train.width, train.height, train.channels]).toEqual([6, 4, 1]);
    expect(classCounts(train)).toEqual([3, 2]);
    // Natural order: 1.png, 2.jpg, 10.webp.
    expect([0, 1, 2].map((i) => imageAt(train, i)[0])).toEqual([10, 200, 60]);
    expect(dataset.skipped?.count).toBe(2);
    expect(dataset.skipped?.examples.join('\n')).toMatch(/^dog\/readme\.txt: not an image file name/m);
    expect(dataset.skipped?.examples.join('\n')).toMatch(
      /^dog\/broken\.png: not a PNG, JPEG, WebP or GIF file/m,
    );
    expect(dataset.notes.join('\n')).toContain(`Skipped 2 entries of ${flat}`);
    expect(dataset.notes.join('\n')).toMatch(/size 6×4 \(the most common size\), grayscale/);
    expect(dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(progress.at(-1)).toBe(1);
  });

  it('resizes to an explicit size and decodes RGB when asked', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'red/1.png': await image('png', 5, 5, [255, 0, 0]),
      'blue/1.png': await image('png', 9, 3, [0, 0, 255]),
    });
    const { train } = await loadDataset(`folder:${dir}`, { width: 4, height: 2, channels: 3 });
    expect([train!.width, train!.height, train!.channels, train!.count]).toEqual([4, 2, 3, 2]);
    expect(train!.classNames).toEqual(['blue', 'red']);
    expect(Array.from(imageAt(train!, 0).subarray(0, 3))).toEqual([0, 0, 255]);
    const colourDefault = await loadDataset(`folder:${dir}`);
    expect(colourDefault.train!.channels).toBe(3);
  });

  it('uses Training/Testing split folders and a :test suffix', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'Training/a/1.png': await image('png', 3, 3, gray(1)),
      'Training/b/1.png': await image('png', 3, 3, gray(2)),
      'Testing/b/1.png': await image('png', 3, 3, gray(3)),
      'Testing/c/1.png': await image('png', 3, 3, gray(4)),
      'extra/c/1.png': await image('png', 3, 3, gray(4)),
    });
    const both = await loadDataset(`folder:${dir}`);
    expect(both.train!.classNames).toEqual(['a', 'b', 'c']);
    expect(Array.from(both.test!.labels)).toEqual([1, 2]);
    expect(both.notes.join('\n')).toContain('Ignored folders beside the split folders: extra');
    const test = await loadDataset(`folder:${dir}:test`);
    expect(test.train).toBeUndefined();
    expect(test.test!.classNames).toEqual(['b', 'c']);
    const held = await loadDataset(`folder:${dir}`, { holdout: 0.5 });
    expect(held.notes.join('\n')).toContain('the holdout partitions train and ignores');
    expect(held.train!.count + held.test!.count).toBe(2);
    expect(held.sha256).toBe((await loadDataset(`folder:${dir}:train`, { holdout: 0.5 })).sha256);
    expect(held.sha256).not.toBe(both.sha256);
  });

  it('decodes class folders named as the feedback store escapes labels (%41 is A), and only those', async () => {
    const dir = await tempDir();
    const png = await image('png', 3, 3, gray(0));
    await writeFiles(dir, {
      '%41/1.png': png, // A
      'a/1.png': png,
      '%2E%2E/1.png': png, // ..
      '%2F/1.png': png, // /
      '%C3%A9/1.png': png, // é
      '%63on/1.png': png, // con, whose name Windows reserves
      '100%/1.png': png, // not an escape
      '%61/1.png': png, // the store writes "a" as a: a folder name of its own
      '%2e/1.png': png, // lower-case hex: not the store's spelling
      '%E9/1.png': png, // not UTF-8
      '%ZZ/1.png': png,
    });
    const { train } = await loadDataset(`folder:${dir}`);
    expect([...train!.classNames].sort()).toEqual(
      ['A', 'a', '..', '/', 'é', 'con', '100%', '%61', '%2e', '%E9', '%ZZ'].sort(),
    );
    expect(classCounts(train!)).toEqual(Array(11).fill(1));
  });

  it('merges a hand-made folder with the escaped folder of the same label', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'B/1.png': await image('png', 3, 3, gray(1)),
      '%42/1.png': await image('png', 3, 3, gray(2)),
      'c/1.png': await image('png', 3, 3, gray(3)),
    });
    const { train } = await loadDataset(`folder:${dir}`);
    expect(train!.classNames).toEqual(['B', 'c']);
    expect(classCounts(train!)).toEqual([2, 1]);
  });
});

describe('folder dataset errors', () => {
  it('reports a missing folder, or a file, as DATASET_MISSING', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'file.png': 'x' });
    await expect(loadDataset(`folder:${join(dir, 'nope')}`)).rejects.toMatchObject({
      code: 'DATASET_MISSING',
      message: expect.stringContaining(`${join(dir, 'nope')} does not exist`),
    });
    await expect(loadDataset(`folder:${join(dir, 'file.png')}`)).rejects.toMatchObject({
      code: 'DATASET_MISSING',
      message: expect.stringContaining('is not a folder'),
    });
  });

  it('reports a folder without class folders as DATASET_EMPTY', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'loose.png': await image('png', 2, 2, gray(0)) });
    await expect(loadDataset(`folder:${dir}`)).rejects.toMatchObject({
      code: 'DATASET_EMPTY',
      message: expect.stringContaining(`${dir} has no class sub-folders`),
    });
  });

  it('reports an empty class folder as DATASET_EMPTY naming it', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a/1.png': await image('png', 2, 2, gray(0)), 'b/notes.txt': 'x' });
    await expect(loadDataset(`folder:${dir}`)).rejects.toMatchObject({
      code: 'DATASET_EMPTY',
      message: expect.stringContaining(
        `Class folder with no images (.png, .jpg, .jpeg, .webp, .gif): ${join(dir, 'b')}`,
      ),
    });
  });

  it('reports a class whose every file fails to decode as DATASET_EMPTY', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a/1.png': await image('png', 2, 2, gray(0)), 'b/1.jpg': 'garbage' });
    await expect(loadDataset(`folder:${dir}`)).rejects.toMatchObject({
      code: 'DATASET_EMPTY',
      message: expect.stringContaining(`No image of ${join(dir, 'b')} could be decoded`),
    });
  });

  it('reports a missing test split folder as DATASET_MISSING', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a/1.png': await image('png', 2, 2, gray(0)) });
    await expect(loadDataset(`folder:${dir}:test`)).rejects.toMatchObject({
      code: 'DATASET_MISSING',
      message: expect.stringMatching(
        /has no test\/ or Testing\/ folder \(splits present: train\).*--holdout/,
      ),
    });
  });
});
