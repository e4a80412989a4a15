// What a real folder of photos holds besides images — notes, .DS_Store, empty or cut-off files,
// text saved as .png, links — is skipped and listed with a reason; the images load; nothing moves.
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, readlink, symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classCounts, imageAt } from '@glyph/core/data';
import { loadDataset } from './load-dataset';
import { removeTempDirs, tempDir, writeFiles } from '../testing';

afterAll(removeTempDirs);

/** A 6×6 solid gray PNG or JPEG. */
async function grayImage(value: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  return sharp({ create: { width: 6, height: 6, channels: 3, background: { r: value, g: value, b: value } } })
    .toFormat(format, { quality: 100 })
    .toBuffer();
}

/** Every entry under `root` (links not followed) with its kind and content digest or link target. */
async function snapshot(root: string): Promise<string[]> {
  const lines: string[] = [];
  for (const name of await readdir(root, { recursive: true })) {
    const path = join(root, name);
    const info = await lstat(path);
    const what = info.isSymbolicLink()
      ? `-> ${await readlink(path)}`
      : info.isFile()
        ? createHash('sha256')
            .update(await readFile(path))
            .digest('hex')
        : 'dir';
    lines.push(`${relative(root, path)} ${what}`);
  }
  return lines.sort();
}

/** The reason the load gave for one file, from the listing `path: reason`. */
const reasonFor = (examples: readonly string[], path: string) =>
  examples.find((example) => example.startsWith(`${path}: `))?.slice(path.length + 2);

describe('folder datasets with files that are not images', () => {
  let root: string;
  let elsewhere: string;
  const noise = Uint8Array.from({ length: 32 * 32 * 3 }, (_, i) => (i * 7919) % 251);

  beforeAll(async () => {
    root = await tempDir('glyph-skips-');
    elsewhere = await tempDir('glyph-skips-elsewhere-');
    const jpeg = await sharp(noise, { raw: { width: 32, height: 32, channels: 3 } })
      .jpeg()
      .toBuffer();
    await writeFiles(elsewhere, {
      'bird-1.png': await grayImage(40),
      'bird-2.png': await grayImage(80),
      'dog-linked.png': await grayImage(120),
      'more-birds/3.png': await grayImage(90),
    });
    await writeFiles(root, {
      'cat/1.png': await grayImage(10),
      'cat/2.jpg': await grayImage(200, 'jpeg'),
      'cat/notes.txt': 'photographed on Tuesday',
      'cat/.DS_Store': Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]),
      'cat/empty.png': new Uint8Array(0),
      'cat/cut.jpg': jpeg.subarray(0, jpeg.length >> 1),
      'cat/text.png': 'this is not a picture',
      'cat/raw/1.png': await grayImage(30),
      'dog/1.png': await grayImage(250),
    });
    await mkdir(join(root, 'bird'));
    // A class folder of links only (a common way to build a dataset without copying).
    await symlink(join(elsewhere, 'bird-1.png'), join(root, 'bird', 'a.png'));
    await symlink(join(elsewhere, 'bird-2.png'), join(root, 'bird', 'b.png'));
    // A link to a link to a file, a link to nothing, a link to a folder, a linked class folder.
    await symlink(join(elsewhere, 'dog-linked.png'), join(elsewhere, 'relay.png'));
    await symlink(join(elsewhere, 'relay.png'), join(root, 'dog', '2.png'));
    await symlink(join(elsewhere, 'gone.png'), join(root, 'dog', 'gone.png'));
    await symlink(join(elsewhere, 'more-birds'), join(root, 'bird', 'more'));
    await symlink(join(elsewhere, 'more-birds'), join(root, 'fish'));
  });

  const expectedSkips = [
    'bird/more',
    'cat/.DS_Store',
    'cat/cut.jpg',
    'cat/empty.png',
    'cat/notes.txt',
    'cat/raw',
    'cat/text.png',
    'dog/gone.png',
    'fish',
  ];

  async function expectLoadedAndReported(dataset: Awaited<ReturnType<typeof loadDataset>>): Promise<void> {
    const train = dataset.train!;
    expect(train.classNames).toEqual(['bird', 'cat', 'dog']);
    expect(classCounts(train)).toEqual([2, 2, 2]);
    expect(train.sources).toEqual([
      'bird/a.png',
      'bird/b.png',
      'cat/1.png',
      'cat/2.jpg',
      'dog/1.png',
      'dog/2.png',
    ]);
    const examples = dataset.skipped!.examples;
    expect(dataset.skipped!.count).toBe(expectedSkips.length);
    expect(examples.map((example) => example.split(': ')[0]).sort()).toEqual(expectedSkips);
    expect(reasonFor(examples, 'cat/notes.txt')).toMatch(/not an image file name/);
    expect(reasonFor(examples, 'cat/.DS_Store')).toMatch(/hidden/);
    expect(reasonFor(examples, 'cat/empty.png')).toBe('an empty file (0 bytes)');
    expect(reasonFor(examples, 'cat/text.png')).toMatch(
      /not a PNG, JPEG, WebP or GIF file \(judged by its first bytes/,
    );
    expect(reasonFor(examples, 'cat/cut.jpg')).toMatch(/not decode \(.*premature end/i);
    expect(reasonFor(examples, 'cat/raw')).toMatch(/folder inside a class folder/);
    expect(reasonFor(examples, 'dog/gone.png')).toMatch(/link to nothing/);
    expect(reasonFor(examples, 'bird/more')).toMatch(/link to a folder.*not followed/);
    expect(reasonFor(examples, 'fish')).toMatch(/link to a folder.*not followed/);
    // The note a run prints lists every one of them with its reason, and says nothing was touched.
    const note = dataset.notes.find((line) => line.startsWith('Skipped 9 entries'))!;
    expect(note).toContain('left in place, nothing moved or deleted');
    for (const example of examples) expect(note).toContain(example);
  }

  it('reads the images, follows links to files, and lists every other entry with its reason', async () => {
    const before = await snapshot(root);
    const dataset = await loadDataset(`folder:${root}`, { width: 6, height: 6, channels: 1 });
    await expectLoadedAndReported(dataset);
    // Linked images read as their targets: bird 40 and 80, dog's link-to-a-link 120.
    const train = dataset.train!;
    expect([0, 1, 5].map((i) => imageAt(train, i)[0])).toEqual([40, 80, 120]);
    expect(await snapshot(root)).toEqual(before);
  });

  it('skips and reports the same entries when reading for training (predict decoder + preprocess)', async () => {
    const before = await snapshot(root);
    const dataset = await loadDataset(`folder:${root}`, {
      preprocessing: { spec: { kind: 'photo' }, input: { width: 6, height: 6, channels: 3 } },
    });
    await expectLoadedAndReported(dataset);
    expect(await snapshot(root)).toEqual(before);
  });

  it('names what a class folder holds when none of it is an image', async () => {
    const dir = await tempDir('glyph-skips-empty-');
    await writeFiles(dir, { 'a/1.png': await grayImage(1), 'b/readme.md': '# b', 'b/.DS_Store': 'x' });
    await expect(loadDataset(`folder:${dir}`)).rejects.toMatchObject({
      code: 'DATASET_EMPTY',
      message: expect.stringMatching(/b \(it holds 2 other entries, e\.g\. \.DS_Store: a hidden file/),
    });
  });

  it('lists the first entries and counts the rest when many are skipped', async () => {
    const dir = await tempDir('glyph-skips-many-');
    const files: Record<string, string | Buffer> = {
      'a/1.png': await grayImage(1),
      'b/1.png': await grayImage(2),
    };
    for (let i = 0; i < 25; i++) files[`a/note-${i}.txt`] = 'x';
    await writeFiles(dir, files);
    const dataset = await loadDataset(`folder:${dir}`);
    expect(dataset.skipped!.count).toBe(25);
    expect(dataset.skipped!.examples).toHaveLength(20);
    expect(dataset.notes.join('\n')).toContain('… and 5 more');
  });
});
