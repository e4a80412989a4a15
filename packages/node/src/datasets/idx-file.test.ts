import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIdxFile, readIdxImagesAndLabels } from './idx-file';
import { parseIdx } from './idx-format';
import { gzip, idxBytes, removeTempDirs, tempDir, writeFiles } from '../testing';

afterAll(removeTempDirs);

const images = idxBytes([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const labels = idxBytes([2], [0, 1]);

describe('parseIdx', () => {
  it('reads dimensions and keeps the payload as uint8', () => {
    const parsed = parseIdx(images, 'x');
    expect(parsed.dimensions).toEqual([2, 2, 3]);
    expect(parsed.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it.each([
    [
      'a truncated payload',
      images.subarray(0, images.length - 1),
      /x\.idx: truncated: header declares 2×2×3 = 12 bytes of data but only 11 follow/,
    ],
    ['a truncated header', images.subarray(0, 9), /x\.idx: truncated header: 9 bytes, need 16/],
    ['a file shorter than the magic', Uint8Array.of(0, 0), /x\.idx: truncated: 2 bytes/],
    [
      'a bad magic number',
      Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0, 0, 0),
      /x\.idx: bad magic number 50 4b 03 04/,
    ],
    ['trailing bytes', Uint8Array.of(...labels, 9), /x\.idx: 1 unexpected trailing bytes/],
    [
      'a float32 element type',
      Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 0),
      /type 0xd \(float32\) is not supported; expected 0x08 \(uint8\)/,
    ],
    ['zero dimensions', Uint8Array.of(0, 0, 8, 0), /bad magic number: zero dimensions/],
  ])('rejects %s with DATASET_CORRUPT naming the file', (_, bytes, message) => {
    expect(() => parseIdx(bytes, 'x.idx')).toThrow(
      expect.objectContaining({ code: 'DATASET_CORRUPT', message: expect.stringMatching(message) }),
    );
  });
});

describe('readIdxFile', () => {
  it('reads gzip and raw files alike and hashes the stored bytes', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.gz': gzip(images), a: images });
    const fromGzip = await readIdxFile(join(dir, 'a.gz'));
    const fromRaw = await readIdxFile(join(dir, 'a'));
    expect(Array.from(fromGzip.data)).toEqual(Array.from(fromRaw.data));
    expect(fromGzip.dimensions).toEqual([2, 2, 3]);
    expect(fromGzip.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fromGzip.sha256).not.toBe(fromRaw.sha256);
  });

  it('reports a missing file as DATASET_MISSING and a truncated gzip as DATASET_CORRUPT', async () => {
    const dir = await tempDir();
    const gz = gzip(images);
    await writeFiles(dir, { 'cut.gz': gz.subarray(0, gz.length - 6) });
    await expect(readIdxFile(join(dir, 'absent.gz'))).rejects.toMatchObject({
      code: 'DATASET_MISSING',
      message: expect.stringContaining('absent.gz does not exist'),
    });
    await expect(readIdxFile(join(dir, 'cut.gz'))).rejects.toMatchObject({
      code: 'DATASET_CORRUPT',
      message: expect.stringMatching(/cut\.gz: gzip data is damaged or truncated/),
    });
  });

  it('reports a truncated payload inside a valid gzip', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'short.gz': gzip(images.subarray(0, 20)) });
    await expect(readIdxFile(join(dir, 'short.gz'))).rejects.toMatchObject({
      code: 'DATASET_CORRUPT',
      message: expect.stringMatching(/short\.gz: truncated: .* only 4 follow/),
    });
  });
});

describe('readIdxImagesAndLabels', () => {
  it('pairs images with labels', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'i.gz': gzip(images), 'l.gz': gzip(labels) });
    const pair = await readIdxImagesAndLabels(join(dir, 'i.gz'), join(dir, 'l.gz'));
    expect([pair.count, pair.height, pair.width]).toEqual([2, 2, 3]);
    expect(Array.from(pair.labels)).toEqual([0, 1]);
  });

  it('rejects a count mismatch naming both files, and swapped files by their dimensions', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'i.gz': gzip(images),
      'l3.gz': gzip(idxBytes([3], [0, 1, 1])),
      'l.gz': gzip(labels),
    });
    await expect(readIdxImagesAndLabels(join(dir, 'i.gz'), join(dir, 'l3.gz'))).rejects.toMatchObject({
      code: 'DATASET_CORRUPT',
      message: expect.stringContaining('count mismatch: i.gz holds 2 images but l3.gz holds 3 labels'),
    });
    await expect(readIdxImagesAndLabels(join(dir, 'l.gz'), join(dir, 'i.gz'))).rejects.toMatchObject({
      code: 'DATASET_CORRUPT',
      message: expect.stringMatching(/l\.gz: expected 3 dimensions .* found 1/),
    });
  });
});
