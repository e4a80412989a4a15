import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { decodeImage } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRealModelFolder } from '../test-support/real-model-folder';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, tinyMetadata } from '../test-support/test-app';
import {
  loadWorkerPoolRecognizer,
  MAX_BACKGROUND_REQUESTS,
  type ConcurrentRecognizer,
} from './worker-pool-recognizer';

describe('loadWorkerPoolRecognizer', () => {
  let folder: string;
  let pooled: ConcurrentRecognizer;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    folder = await writeRealModelFolder(
      path.join(await mkdtemp(path.join(tmpdir(), 'glyph-pool-')), 'digits'),
      tinyMetadata('digits', digitLabels),
    );
    pooled = await loadWorkerPoolRecognizer(folder, { threads: 2, backend: 'cpu' });
  });
  afterAll(() => pooled?.dispose());

  it('answers exactly as the in-process recognizer, from two threads at once', async () => {
    const images = await Promise.all(
      [1, 2, 3, 4].map(async (seed) => decodeImage(await drawingPng(140, seed))),
    );
    const local = await loadRecognizerFromFolder(folder);
    const expected = await local.recognizeBatch(images, { top: 3, debug: true });
    const [first, second] = await Promise.all([
      pooled.recognizeBatch(images.slice(0, 2), { top: 3, debug: true }),
      pooled.recognizeBatch(images.slice(2), { top: 3, debug: true }),
    ]);
    expect([...first, ...second]).toEqual(expected);
    expect(await pooled.recognizeSequence(images[0], { top: 2 })).toEqual(
      await local.recognizeSequence(images[0], { top: 2 }),
    );
    expect(pooled.concurrency).toBe(2);
    expect(pooled.metadata.id).toBe('digits');
    local.dispose();
  });

  it('moves handed-over pixels to the thread instead of copying them, with the same answers', async () => {
    const images = await Promise.all([5, 6, 7].map(async (seed) => decodeImage(await drawingPng(140, seed))));
    const expected = await pooled.recognizeBatch(images, { top: 2 });
    const kept = images.map((image) => ({ ...image, data: image.data.slice() }));
    // A view into a larger buffer (as Node's small-Buffer pool hands out) is copied even when handed over.
    const inLarger = new Uint8Array(kept[2].data.length + 16);
    inLarger.set(kept[2].data, 8);
    const view = { ...kept[2], data: inLarger.subarray(8, 8 + kept[2].data.length) };
    const moved = await pooled.recognizeBatchHandingOver([kept[0], kept[1], view], { top: 2 }, [
      true,
      false,
      true,
    ]);
    expect(moved).toEqual(expected);
    expect(kept[0].data.byteLength).toBe(0); // detached: it went to the thread
    expect(kept[1].data).toEqual(images[1].data);
    expect(view.data).toEqual(images[2].data);
    expect(inLarger.byteLength).toBe(images[2].data.length + 16);
  });

  it('recognises large images on a background thread at a lower OS priority, a bounded number at once', async () => {
    const images = await Promise.all(
      [8, 9, 10].map(async (seed) => decodeImage(await drawingPng(140, seed))),
    );
    const expected = await pooled.recognizeBatch(images, { top: 2 });
    const copies = images.map((image) => ({ ...image, data: image.data.slice() }));
    const running = copies
      .slice(0, MAX_BACKGROUND_REQUESTS)
      .map((image) => pooled.recognizeInBackground(image, { top: 2 }));
    await expect(pooled.recognizeInBackground(copies[2], { top: 2 })).rejects.toMatchObject({
      code: 'OVERLOADED',
    });
    expect(await Promise.all(running)).toEqual(expected.slice(0, MAX_BACKGROUND_REQUESTS));
    expect(await pooled.recognizeInBackground(copies[2], { top: 2 })).toEqual(expected[2]);
    if (process.platform === 'linux') {
      const nice = await Promise.all(
        (await readdir('/proc/self/task')).map(async (task) => {
          const stat = await readFile(`/proc/self/task/${task}/stat`, 'utf8').catch(() => '');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        }),
      );
      expect(nice).toContain(Math.min(19, getPriority(0) + 10)); // 19: the lowest priority there is
    }
  });

  it('rejects a broken folder with the loader error code', async () => {
    const broken = path.join(await mkdtemp(path.join(tmpdir(), 'glyph-pool-')), 'broken');
    await mkdir(broken);
    await writeFile(path.join(broken, 'metadata.json'), '{"id": 1}');
    await expect(loadWorkerPoolRecognizer(broken, { threads: 2, backend: 'cpu' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
  });
});
