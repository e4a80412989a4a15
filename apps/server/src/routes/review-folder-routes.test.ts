import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPng, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

describe('GET /api/review-folder (a training folder, read-only)', () => {
  let test: TestApp;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'glyph-review-folder-'));
    for (const [label, seeds] of [
      ['1', [1, 2]],
      ['7', [3, 4, 5]],
    ] as const) {
      await mkdir(path.join(folder, 'train', label), { recursive: true });
      for (const seed of seeds)
        await writeFile(path.join(folder, 'train', label, `s${seed}.png`), await drawingPng(280, seed));
    }
    await writeFile(path.join(folder, 'train', '7', 'blank.png'), await blankPng());
    await writeFile(path.join(folder, 'train', '7', 'notes.txt'), 'not an image');
    await writeFile(path.join(folder, 'train', '7', '.hidden.png'), await blankPng());
    const outside = await mkdtemp(path.join(tmpdir(), 'glyph-outside-'));
    await writeFile(path.join(outside, 'secret.png'), await blankPng());
    await symlink(outside, path.join(folder, 'train', 'linked'));
    test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels) },
      reviewFolder: folder,
    });
  });

  afterAll(async () => {
    await test.app.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('lists the files by loss under the chosen model, blank images first, and pages', async () => {
    const response = await test.app.inject('/api/review-folder?model=digits');
    expect(response.statusCode, response.body).toBe(200);
    const listing = response.json();
    expect([listing.folder, listing.model, listing.total]).toEqual([path.basename(folder), 'digits', 6]);
    expect(listing.samples[0]).toMatchObject({ path: 'train/7/blank.png', note: 'empty', loss: null });
    const losses = listing.samples.slice(1).map((sample: { loss: number }) => sample.loss);
    expect(losses).toEqual([...losses].sort((a, b) => b - a));
    expect(listing.samples.map((sample: { path: string }) => sample.path).sort()).toEqual([
      'train/1/s1.png',
      'train/1/s2.png',
      'train/7/blank.png',
      'train/7/s3.png',
      'train/7/s4.png',
      'train/7/s5.png',
    ]);
    const ones = (await test.app.inject('/api/review-folder?model=digits&label=1&limit=1&offset=1')).json();
    expect([ones.total, ones.samples.length, ones.samples[0].label]).toEqual([2, 1, '1']);
  });

  it('serves each listed file byte for byte, and nothing outside the listing', async () => {
    const { samples } = (await test.app.inject('/api/review-folder?model=digits')).json();
    for (const sample of samples) {
      const response = await test.app.inject(sample.url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.rawPayload.equals(await readFile(path.join(folder, ...sample.path.split('/'))))).toBe(
        true,
      );
    }
    for (const bad of [
      'train/7/notes.txt',
      'train/7/.hidden.png',
      'train/linked/secret.png',
      'train/../../x.png',
      'train/7/%2e%2e%2fs3.png',
      'x/7/s3.png/extra',
    ]) {
      const response = await test.app.inject(`/api/review-folder/files/${bad}`);
      expect(response.statusCode, bad).toBe(404);
    }
  });

  it('refuses an unknown model, and answers 404 when no folder is configured', async () => {
    const unknown = await test.app.inject('/api/review-folder?model=nope');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'MODEL_NOT_FOUND']);
    expect((await test.app.inject('/api/review-folder')).statusCode).toBe(400);
    const plain = await startTestApp();
    const none = await plain.app.inject('/api/review-folder?model=digits');
    expect([none.statusCode, none.json().error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    expect(none.json().error.message).toMatch(/--review-folder/);
    await plain.app.close();
  });

  it('never changes the folder', async () => {
    const before = await readFile(path.join(folder, 'train', '1', 's1.png'));
    await test.app.inject('/api/review-folder?model=digits');
    expect(await readFile(path.join(folder, 'train', '1', 's1.png'))).toEqual(before);
    await copyFile(path.join(folder, 'train', '1', 's1.png'), path.join(folder, 'train', '1', 's1-copy.png'));
    expect((await test.app.inject('/api/review-folder?model=digits')).json().total).toBe(7);
  });
});
