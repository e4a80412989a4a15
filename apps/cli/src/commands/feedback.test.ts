import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '@glyph/node/datasets';
import { main } from '../main';
import { captureIo } from '../test-support/capture-io';

const square = (shade: number) =>
  sharp({ create: { width: 28, height: 28, channels: 3, background: { r: shade, g: shade, b: shade } } })
    .png()
    .toBuffer();

describe('glyph feedback export', () => {
  it('writes a folder store’s samples of one model as a folder: dataset, adding only new ones the second time', async () => {
    // The folder store's layout, as `glyph serve --feedback-dir` writes it.
    const store = await mkdtemp(path.join(tmpdir(), 'glyph-export-store-'));
    const files = {
      'digits/3/20250101T000000000Z-00000001.png': await square(10),
      'digits/3/20250101T000001000Z-00000002.png': await square(20),
      'digits/7/20250101T000002000Z-00000003.png': await square(30),
      'letters/%41/20250101T000003000Z-00000004.png': await square(40),
      '.trash/digits/7/20250101T000004000Z-00000005.png': await square(50),
    };
    for (const [file, bytes] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(store, file)), { recursive: true });
      await writeFile(path.join(store, file), bytes);
    }
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'glyph-export-out-')), 'digits');
    const io = captureIo();
    expect(
      await main(['feedback', 'export', '--store', store, '--model', 'digits', '--out', out], io),
      io.stderr,
    ).toBe(0);
    expect(io.stdout).toMatch(/Exported 3 new of 3 samples \(2 labels\) of digits/);
    expect((await readdir(out, { recursive: true })).sort()).toEqual([
      '3',
      '3/20250101T000000000Z-00000001.png',
      '3/20250101T000001000Z-00000002.png',
      '7',
      '7/20250101T000002000Z-00000003.png',
    ]);
    expect(await readFile(path.join(out, '7/20250101T000002000Z-00000003.png'))).toEqual(
      files['digits/7/20250101T000002000Z-00000003.png'],
    );
    const { train } = await loadDataset(`folder:${out}`);
    expect([[...train!.classNames].sort(), train!.count]).toEqual([['3', '7'], 3]);

    await writeFile(path.join(store, 'digits/7/20250101T000005000Z-00000006.png'), await square(60));
    const again = captureIo();
    expect(
      await main(['feedback', 'export', '--store', store, '--model', 'digits', '--out', out], again),
    ).toBe(0);
    expect(again.stdout).toMatch(/Exported 1 new of 4 samples/);
  });

  it('fails with one clear line for a model without samples', async () => {
    const io = captureIo();
    const store = await mkdtemp(path.join(tmpdir(), 'glyph-export-empty-'));
    expect(
      await main(['feedback', 'export', '--store', store, '--model', 'digits', '--out', store], io),
    ).toBe(1);
    expect(io.stderr).toMatch(
      /^error \[DATASET_EMPTY\]: The feedback store folder .* has no samples of model "digits"/,
    );
  });
});
