import { monitorEventLoopDelay } from 'node:perf_hooks';
import { decodeImage } from '@glyph/node/image';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amplifyingPng } from '@glyph/testkit/amplifying-png';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { DecodePool } from './decode-pool';

describe('DecodePool', () => {
  let pool: DecodePool;
  beforeAll(async () => {
    pool = await DecodePool.start({ lightThreads: 1, heavyThreads: 1 });
  });
  afterAll(() => pool?.close());

  it('decodes on its threads exactly as decodeImage does in-process', async () => {
    const canvas = await drawingPng(280, 3);
    const jpeg = await sharp(canvas).jpeg().toBuffer();
    for (const bytes of [canvas, jpeg]) {
      expect(await pool.decode(bytes, { maxPixels: 1_000_000 })).toEqual(await decodeImage(bytes));
    }
    // The caller's bytes stay readable (the pool sends a copy), even a view into a shared buffer.
    const shared = Buffer.concat([Buffer.alloc(8), canvas]).subarray(8);
    await pool.decode(shared, { maxPixels: 1_000_000 });
    expect(shared.equals(canvas)).toBe(true);
  });

  it('keeps the error codes of decodeImage', async () => {
    const canvas = await drawingPng(64, 1);
    await expect(pool.decode(Buffer.from('not an image'), { maxPixels: 1e6 })).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const cut = Buffer.concat([canvas.subarray(0, 40), Buffer.alloc(40)]);
    await expect(pool.decode(cut, { maxPixels: 1e6 })).rejects.toMatchObject({ code: 'IMAGE_UNDECODABLE' });
    await expect(pool.decode(amplifyingPng(2048), { maxPixels: 2047 * 2048 })).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
    });
  });

  it('sends the images waiting for a busy thread together, and an image that fails fails alone', async () => {
    const canvases = await Promise.all([1, 2, 3, 4, 5].map((seed) => drawingPng(280, seed)));
    const corrupt = Buffer.concat([canvases[0].subarray(0, 60), Buffer.alloc(60)]);
    const before = pool.sent;
    // A 1024² amplifying PNG is still a light image: it keeps the light thread busy while the rest queue.
    const busy = pool.decode(amplifyingPng(1024), { maxPixels: 1 << 20 });
    const waiting = [...canvases.slice(0, 2), corrupt, ...canvases.slice(2)].map((bytes) =>
      pool.decode(bytes, { maxPixels: 1e6 }).then(
        (image) => ({ image }),
        (error: { code?: string }) => ({ code: error.code }),
      ),
    );
    await busy;
    const outcomes = await Promise.all(waiting);
    const expected = await Promise.all(canvases.map((bytes) => decodeImage(bytes)));
    expect(outcomes).toEqual([
      ...expected.slice(0, 2).map((image) => ({ image })),
      { code: 'IMAGE_UNDECODABLE' },
      ...expected.slice(2).map((image) => ({ image })),
    ]);
    const sent = pool.sent;
    expect(sent.images - before.images).toBe(7);
    expect(sent.messages - before.messages).toBe(2); // the busy image, then the six waiting
  });

  it('leaves the main thread free while it inflates and unfilters amplifying PNGs', async () => {
    const bomb = amplifyingPng(4096);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const images = await Promise.all([1, 2, 3].map(() => pool.decode(bomb, { maxPixels: 4096 * 4096 })));
    delay.disable();
    expect(images.map((image) => image.data.length)).toEqual([1, 2, 3].map(() => 4096 * 4096 * 4));
    // In-process, each of these decodes blocks the event loop for about 0.5 s.
    expect(delay.max / 1e6).toBeLessThan(150);
  });

  it('drops a waiting decode when its signal aborts, and the thread goes on with the next', async () => {
    const busy = pool.decode(amplifyingPng(2048), { maxPixels: 1e8 }); // heavy lane
    const controller = new AbortController();
    const waiting = pool.decode(amplifyingPng(1500), { maxPixels: 1e8, signal: controller.signal });
    const next = pool.decode(amplifyingPng(1200), { maxPixels: 1e8 });
    await new Promise((resolve) => setImmediate(resolve)); // the header reads are done: both wait
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect((await busy).width).toBe(2048);
    expect((await next).width).toBe(1200);
  });
});
