import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { imageAt } from '@glyph/core/data';
import { preprocess } from '@glyph/core/preprocess';
import { decodeImage } from '../image/decode-image';
import { loadDataset } from './load-dataset';
import { removeTempDirs, tempDir, writeFiles } from '../testing';

afterAll(removeTempDirs);

const input = { width: 28, height: 28, channels: 1 } as const;
const inkMnist = { kind: 'ink-mnist' } as const;

/** A dark stroke drawing on white at `width`×`height`: a ring for 0, a slanted bar for 1. */
async function drawing(label: '0' | '1', width: number, height: number, seed: number): Promise<Buffer> {
  const [cx, cy] = [width / 2 + (seed % 5) - 2, height / 2 + (seed % 3) - 1];
  const shape =
    label === '0'
      ? `<ellipse cx="${cx}" cy="${cy}" rx="${width * 0.3}" ry="${height * 0.35}" stroke="black" stroke-width="${4 + (seed % 4)}" fill="none"/>`
      : `<path d="M ${cx + seed} ${height * 0.15} L ${cx - seed} ${height * 0.85}" stroke="black" stroke-width="${4 + (seed % 4)}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${shape}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** 40 drawings of mixed sizes (portrait, landscape, square) in `0/` and `1/`. */
async function writeDrawings(root: string): Promise<string[]> {
  const sizes = [
    [40, 80],
    [90, 60],
    [64, 64],
    [30, 120],
  ] as const;
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 40; i++) {
    const label = i % 2 === 0 ? '0' : '1';
    const [width, height] = sizes[i % sizes.length];
    files[`${label}/${i}.png`] = await drawing(label, width, height, i);
  }
  await writeFiles(root, files);
  return Object.keys(files);
}

describe('folder datasets read the way predictions are', () => {
  it('decodes each file as predict does and runs the model preprocess on it as it is', async () => {
    const root = await tempDir('glyph-predict-path-');
    await writeDrawings(root);
    const loaded = await loadDataset(`folder:${root}`, { preprocessing: { spec: inkMnist, input } });
    const train = loaded.train!;
    expect([train.width, train.height, train.channels, train.count]).toEqual([28, 28, 1, 40]);
    expect(train.sources).toHaveLength(40);
    let differsFromStretched = 0;
    for (let i = 0; i < train.count; i++) {
      const bytes = await readFile(join(root, train.sources![i]));
      const predicted = preprocess(await decodeImage(bytes), inkMnist, input).input;
      const expected = Uint8Array.from(predicted, (x) => Math.round(Math.min(1, Math.max(0, x)) * 255));
      expect(Array.from(imageAt(train, i))).toEqual(Array.from(expected));
      expect(train.classNames[train.labels[i]]).toBe(train.sources![i].split('/')[0]);
      // What the old reader did: stretch to one common size first (here 40×80).
      const stretched = await sharp(bytes)
        .flatten({ background: '#ffffff' })
        .resize(40, 80, { fit: 'fill' })
        .grayscale()
        .raw()
        .toBuffer();
      const viaStretch = preprocess(
        { data: stretched, width: 40, height: 80, channels: 1 },
        inkMnist,
        input,
      ).input;
      if (viaStretch.some((x, p) => Math.round(Math.min(1, Math.max(0, x)) * 255) !== expected[p]))
        differsFromStretched++;
    }
    // The landscape and very tall drawings change shape when stretched; the predict path keeps them.
    expect(differsFromStretched).toBeGreaterThanOrEqual(20);
  });

  it('leaves out files without ink and says so', async () => {
    const root = await tempDir('glyph-predict-blank-');
    const blank = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    await writeFiles(root, { '0/ring.png': await drawing('0', 60, 60, 1), '0/blank.png': blank });
    const loaded = await loadDataset(`folder:${root}`, { preprocessing: { spec: inkMnist, input } });
    expect(loaded.train!.count).toBe(1);
    expect(loaded.train!.sources).toEqual(['0/ring.png']);
    expect(loaded.notes.join('\n')).toMatch(/1 images of .* hold no ink and were left out/);
  });

  it('holds out the same files whatever the decode size, channels or preprocessing', async () => {
    const root = await tempDir('glyph-predict-holdout-');
    await writeDrawings(root);
    const testFiles = async (options: Parameters<typeof loadDataset>[1]) => {
      const loaded = await loadDataset(`folder:${root}`, { ...options, holdout: 0.3 });
      return { test: [...loaded.test!.sources!].sort(), train: loaded.train!.count, notes: loaded.notes };
    };
    const small = await testFiles({ width: 8, height: 8, channels: 1 });
    const large = await testFiles({ width: 40, height: 20, channels: 3 });
    const common = await testFiles({});
    const model = await testFiles({ preprocessing: { spec: inkMnist, input } });
    expect(small.test.length).toBeGreaterThan(3);
    expect(small.train).toBeGreaterThan(small.test.length);
    for (const other of [large, common, model]) {
      expect(other.test).toEqual(small.test);
      expect(other.train).toBe(small.train);
    }
    expect(small.notes.join('\n')).toContain('by a hash of their files');
  });
});
