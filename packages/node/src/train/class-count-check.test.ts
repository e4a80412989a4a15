// A classifier needs two classes: data with one is refused before any image is decoded, unless a
// run fine-tunes a model (--init, glyph retrain) whose labels the one class is mapped onto.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { classCounts } from '@glyph/core/data';
import { prepareData } from './prepare-data';
import { removeTempDirs, tempDir, tinyConfig } from '../testing';

afterAll(removeTempDirs);

/** `root/<class>/<i>.png` for each class: dark bars on white, 20×20. */
async function writeClasses(root: string, classes: Record<string, number>): Promise<void> {
  for (const [name, count] of Object.entries(classes)) {
    await mkdir(join(root, name), { recursive: true });
    for (let i = 0; i < count; i++) {
      const pixels = new Uint8Array(20 * 20).fill(255);
      for (let k = 3; k < 17; k++) pixels[k * 20 + 4 + i] = 10;
      const png = await sharp(pixels, { raw: { width: 20, height: 20, channels: 1 } })
        .png()
        .toBuffer();
      await writeFile(join(root, name, `${i}.png`), png);
    }
  }
}

const noHoldout = (dataset: string) => {
  const { holdout: _unused, ...config } = tinyConfig(dataset, { valSplit: 0 });
  return config;
};

describe('training data with fewer than two classes', () => {
  it('refuses a folder with one class folder from its names alone, saying how to fix it', async () => {
    const folder = await tempDir('glyph-one-class-');
    await writeClasses(folder, { cat: 3 });
    const error = await prepareData(noHoldout(`folder:${folder}`), [10, 10, 1], undefined).catch(
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ code: 'BAD_USAGE', exitCode: 2 });
    const message = (error as Error).message;
    // "holds": refused from the folder names, before loading (a loaded set "has training images of").
    expect(message).toContain(`folder:${folder} holds only one class (cat)`);
    expect(message).toContain('needs images of at least two');
    expect(message).toContain(
      `Add a sub-folder of images for each other class (e.g. ${join(folder, 'other-class', '1.png')})`,
    );
    expect(message).toContain('--init');
  });

  it('refuses a combined spec whose parts together hold one class, and accepts two', async () => {
    const first = await tempDir('glyph-one-class-a-');
    const second = await tempDir('glyph-one-class-b-');
    await writeClasses(first, { cat: 2 });
    await writeClasses(second, { cat: 2 });
    await expect(
      prepareData(noHoldout(`folder:${first}+folder:${second}`), [10, 10, 1], undefined),
    ).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringContaining('holds only one class (cat)'),
    });
    const third = await tempDir('glyph-one-class-c-');
    await writeClasses(third, { dog: 2 });
    const data = await prepareData(noHoldout(`folder:${first}+folder:${third}`), [10, 10, 1], undefined);
    expect(data.train.classNames).toEqual(['cat', 'dog']);
    expect(classCounts(data.train)).toEqual([2, 2]);
  });

  it('refuses training images of one class when the other classes are only in test/', async () => {
    const folder = await tempDir('glyph-one-class-split-');
    await writeClasses(join(folder, 'train'), { cat: 2 });
    await writeClasses(join(folder, 'test'), { cat: 1, dog: 1 });
    await expect(prepareData(noHoldout(`folder:${folder}`), [10, 10, 1], undefined)).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringContaining('has training images of only one class (cat)'),
    });
  });

  it('counts a class folder that is a link to a folder as missing, so one real class is refused', async () => {
    const folder = await tempDir('glyph-one-class-link-');
    const elsewhere = await tempDir('glyph-one-class-elsewhere-');
    await writeClasses(folder, { cat: 2 });
    await writeClasses(elsewhere, { dog: 2 });
    await symlink(join(elsewhere, 'dog'), join(folder, 'dog'));
    await expect(prepareData(noHoldout(`folder:${folder}`), [10, 10, 1], undefined)).rejects.toMatchObject({
      code: 'BAD_USAGE',
    });
  });

  it('fine-tunes on a folder of one corrected class mapped onto the model labels (--init)', async () => {
    const folder = await tempDir('glyph-one-correction-');
    await writeClasses(folder, { '7': 3 });
    const data = await prepareData(noHoldout(`folder:${folder}`), [10, 10, 1], undefined, {
      labels: ['1', '7', '9'],
      modelName: '--init models/digits',
    });
    expect(data.train.classNames).toEqual(['1', '7', '9']);
    expect(classCounts(data.train)).toEqual([0, 3, 0]);
  });
});
