import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { classCounts } from '@glyph/core/data';
import { prepareData } from './prepare-data';
import { removeTempDirs, tempDir, tinyConfig, writeTinyMnist } from '../testing';

afterAll(removeTempDirs);

/** `root/<label>/<i>.png`: 40×40 dark strokes on white, a vertical bar for 1 and a ring for 0. */
async function writeDigitFolder(root: string, perClass: number): Promise<void> {
  for (const label of ['1', '0']) {
    await mkdir(join(root, label), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const side = 40;
      const pixels = new Uint8Array(side * side).fill(255);
      for (let y = 6; y < 34; y++) {
        for (let x = 8; x < 32; x++) {
          const ring = Math.abs(Math.hypot(x - 20, y - 20) - 10 - (i % 3)) < 2.5;
          const bar = Math.abs(x - 18 - i) < 2;
          if (label === '0' ? ring : bar) pixels[y * side + x] = 20;
        }
      }
      const png = await sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
        .png()
        .toBuffer();
      await writeFile(join(root, label, `${i}.png`), png);
    }
  }
}

describe('prepareData with a combined spec', () => {
  it('trains on MNIST and a folder together: folder images preprocessed, labels merged by name', async () => {
    const dataDir = await tempDir();
    await writeTinyMnist(dataDir, 20, 10);
    const folder = await tempDir('glyph-pieces-');
    await writeDigitFolder(folder, 3);
    const config = tinyConfig(`mnist+folder:${folder}`, {
      valSplit: 0,
      preprocess: 'ink-mnist',
      input: [28, 28, 1],
    });
    const { holdout: _unused, ...noHoldout } = config;
    const data = await prepareData(noHoldout, [28, 28, 1], dataDir);
    expect(data.train.count).toBe(26);
    expect(data.train.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // The folder's images come last, each labelled with the MNIST class of its folder's name.
    const folderLabels = Array.from(data.train.labels.subarray(20)).sort();
    expect(folderLabels).toEqual([0, 0, 0, 1, 1, 1]);
    // Brought to the model input: bright ink on black, centred, the 20-pixel box of ink-mnist.
    const first = data.train.images.subarray(20 * 784, 21 * 784);
    expect(first[0]).toBe(0);
    expect(Math.max(...first)).toBeGreaterThan(200);
    // MNIST's own test split is the only test data; the digest names both parts.
    expect(data.test?.count).toBe(10);
    expect(data.loaded.name).toBe(`mnist+folder:${folder}`);
    const mnistOnly = await prepareData({ ...noHoldout, dataset: 'mnist' }, [28, 28, 1], dataDir);
    expect(data.loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(data.loaded.sha256).not.toBe(mnistOnly.loaded.sha256);
    expect(data.notes.join('\n')).toContain(
      'Training on 26 images of 10 classes: 20 from mnist, 6 from folder:',
    );
  });

  it('names the part that cannot be read', async () => {
    const dataDir = await tempDir();
    await writeTinyMnist(dataDir);
    const config = tinyConfig('mnist+folder:/nowhere/at/all', {
      preprocess: 'ink-mnist',
      input: [28, 28, 1],
    });
    await expect(prepareData(config, [28, 28, 1], dataDir)).rejects.toThrow(/nowhere\/at\/all/);
  });
});

const digitLabels = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const inkInput = { preprocess: 'ink-mnist', input: [28, 28, 1] } as const;

describe('prepareData for fine-tuning on corrections', () => {
  it('maps a folder holding only some classes onto the starting model labels', async () => {
    const folder = await tempDir('glyph-corrections-');
    await writeDigitFolder(folder, 3);
    const config = tinyConfig(`folder:${folder}`, { ...inkInput, valSplit: 0 });
    const { holdout: _unused, ...noHoldout } = config;
    const alone = await prepareData(noHoldout, [28, 28, 1], undefined);
    expect(alone.train.classNames).toEqual(['0', '1']);
    const data = await prepareData(noHoldout, [28, 28, 1], undefined, {
      labels: digitLabels,
      modelName: '--init models/digits',
    });
    expect(data.train.classNames).toEqual(digitLabels);
    expect(classCounts(data.train)).toEqual([3, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Each image keeps its class: the folder's "1" images are labelled with unit 1 of the model.
    data.train.sources!.forEach((source, i) =>
      expect(String(data.train.labels[i])).toBe(source.split('/')[0]),
    );
    await expect(
      prepareData(noHoldout, [28, 28, 1], undefined, { labels: ['1', '7'], modelName: '--init runs/x' }),
    ).rejects.toMatchObject({
      code: 'LABEL_UNKNOWN',
      message: expect.stringMatching(/"0".*--init runs\/x.*1 7/),
    });
  });

  it('trains without validation, and says so, when no class has two images', async () => {
    const folder = await tempDir('glyph-two-corrections-');
    await writeDigitFolder(folder, 1);
    const { holdout: _unused, ...config } = tinyConfig(`folder:${folder}`, { ...inkInput, valSplit: 0.1 });
    const data = await prepareData(config, [28, 28, 1], undefined);
    expect(data.train.count).toBe(2);
    expect(data.validation).toBeUndefined();
    expect(data.notes.join('\n')).toContain('Too few images for a validation split');
  });

  it('oversamples a part to its share of each epoch, never validating on its copies', async () => {
    const dataDir = await tempDir();
    await writeTinyMnist(dataDir, 100, 10);
    const folder = await tempDir('glyph-share-');
    await writeDigitFolder(folder, 2);
    const part = `folder:${folder}`;
    const { holdout: _unused, ...config } = tinyConfig(`mnist+${part}`, {
      ...inkInput,
      valSplit: 0.1,
      sampling: { [part]: { share: 0.2 }, mnist: { limit: 50 } },
    });
    const data = await prepareData(config, [28, 28, 1], dataDir);
    // MNIST: a seeded sample of 50, 5 per class, of which one per class validates; the 4 folder
    // images all train, repeated until they are about a fifth of the epoch:
    // round(0.2 × 40 / (0.8 × 4)) = 3 copies each.
    expect(data.validation!.count).toBe(10);
    expect(data.train.count).toBe(40 + 4 * 3);
    expect(data.validation!.sources).toBeUndefined();
    const copies = data.train.sources!.filter((source) => !source.startsWith('mnist'));
    expect(copies).toHaveLength(12);
    expect(new Set(copies).size).toBe(4);
    expect(data.notes.join('\n')).toMatch(
      /Each of the 4 training images of folder:.* is used 3 times per epoch/,
    );
    expect(data.notes.join('\n')).toContain('a seeded sample of 50 of the 100 training images of mnist');
  });
});

describe('prepareData with the character subject step', () => {
  it('cuts every folder image to its character and records the step in the spec', async () => {
    const folder = await tempDir('glyph-subject-');
    await writeDigitFolder(folder, 2);
    const config = tinyConfig(`folder:${folder}`, { valSplit: 0, preprocess: 'photo', input: [32, 32, 3] });
    const { holdout: _unused, ...noHoldout } = config;
    const plain = await prepareData(noHoldout, [32, 32, 3], undefined);
    const cut = await prepareData({ ...noHoldout, subject: 'character' }, [32, 32, 3], undefined);
    expect(plain.preprocessing).toEqual({ kind: 'photo' });
    expect(cut.preprocessing).toEqual({ kind: 'photo', subject: 'character' });
    // The bar of a 1 fills more of the input once cut to its box: less paper, more ink.
    const meanOf = (bytes: Uint8Array) => bytes.reduce((sum, v) => sum + v, 0) / bytes.length;
    const size = 32 * 32 * 3;
    const firstOne = cut.train.classNames.indexOf('1');
    const at = Array.from(cut.train.labels).indexOf(firstOne);
    expect(meanOf(cut.train.images.subarray(at * size, (at + 1) * size))).toBeLessThan(
      meanOf(plain.train.images.subarray(at * size, (at + 1) * size)) - 20,
    );
  });

  it('refuses a subject step for ink preprocessing', async () => {
    const dataDir = await tempDir();
    await writeTinyMnist(dataDir);
    const config = tinyConfig('mnist', { ...inkInput, subject: 'character' });
    await expect(prepareData(config, [28, 28, 1], dataDir)).rejects.toThrow(
      /--subject character needs photo/,
    );
  });
});
