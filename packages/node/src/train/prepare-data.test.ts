import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareData } from './prepare-data';
import { removeTempDirs, tempDir, tinyConfig, writeTinyMnist } from './test-fixtures';

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
