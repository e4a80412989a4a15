import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The attack of issue 17: a 4096² noise WebP at quality 1, small to send and huge as PNG. */
async function noisyWebp(side: number): Promise<Buffer> {
  const raw = { width: side, height: side, channels: 3 as const };
  return sharp(randomBytes(side * side * 3), { raw })
    .webp({ quality: 1 })
    .toBuffer();
}

const webpUrl = (bytes: Buffer) => `data:image/webp;base64,${bytes.toString('base64')}`;

describe('feedback storage limits', () => {
  let test: TestApp;
  let webp: Buffer;
  const maxImageBytes = 1024 * 1024;

  beforeAll(async () => {
    test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels) },
      feedbackMaxImageBytes: maxImageBytes,
    });
    webp = await noisyWebp(4096);
  }, 60_000);
  afterAll(async () => {
    await test.app.close();
  });

  it('stores a noisy 4096² WebP scaled down, within the byte cap and twice the bytes sent', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { model: 'digits', label: '7', image: webpUrl(webp) },
    });
    expect(response.statusCode, response.body).toBe(201);
    const stored = path.join(test.feedbackDir, response.json().path);
    const { size } = await stat(stored);
    expect(size).toBeLessThanOrEqual(maxImageBytes);
    expect(size).toBeLessThanOrEqual(2 * webp.length);
    const info = await sharp(stored).metadata();
    expect(info.format).toBe('png');
    // 8× the 28-px input is 224 < 512, so the longest side is 512 unless bytes forced it lower.
    expect(Math.max(info.width!, info.height!)).toBeLessThanOrEqual(512);
    expect(info.width).toBe(info.height);
  }, 60_000);

  it('keeps an ink drawing’s aspect when it scales it down', async () => {
    const wide = await sharp({ create: { width: 2000, height: 500, channels: 3, background: '#ffffff' } })
      .composite([{ input: await drawingPng(400), left: 800, top: 50 }])
      .png()
      .toBuffer();
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { model: 'digits', label: '1', image: dataUrl(wide) },
    });
    expect(response.statusCode, response.body).toBe(201);
    const info = await sharp(path.join(test.feedbackDir, response.json().path)).metadata();
    expect([info.width, info.height]).toEqual([512, 128]);
  });

  it('stores a small drawing byte-for-byte as the same pixels, not scaled', async () => {
    const png = await drawingPng(300);
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { model: 'digits', label: '2', image: dataUrl(png) },
    });
    expect(response.statusCode).toBe(201);
    const stored = await readFile(path.join(test.feedbackDir, response.json().path));
    const [sent, kept] = await Promise.all([
      sharp(png).raw().toBuffer({ resolveWithObject: true }),
      sharp(stored).raw().toBuffer({ resolveWithObject: true }),
    ]);
    expect([kept.info.width, kept.info.height]).toEqual([300, 300]);
    expect(kept.data.equals(sent.data)).toBe(true);
  });

  it('bounds a sequence correction whose every box is the whole noisy image', async () => {
    const small = await noisyWebp(1024);
    const characters = Array.from({ length: 16 }, () => ({
      box: { x: 0, y: 0, width: 1024, height: 1024 },
      label: '3',
    }));
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/feedback/sequence',
      payload: { model: 'digits', image: webpUrl(small), characters },
    });
    expect(response.statusCode, response.body).toBe(201);
    const sizes = await Promise.all(
      (response.json().samples as { path: string }[]).map(
        async (sample) => (await stat(path.join(test.feedbackDir, sample.path))).size,
      ),
    );
    expect(sizes).toHaveLength(16);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    // Each crop may take at least the floor; together no more than twice the image or 16 floors.
    expect(total).toBeLessThanOrEqual(Math.max(2 * small.length, 16 * 32 * 1024));
  }, 60_000);
});

describe('the per-model feedback quota', () => {
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('answers 507 with the error shape once a model is full, and keeps every stored file intact', async () => {
    const test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels), other: tinyMetadata('other', digitLabels) },
      feedbackQuotaBytes: 40_000,
    });
    const post = async (model: string, seed: number) =>
      test.app.inject({
        method: 'POST',
        url: '/api/feedback',
        payload: { model, label: String(seed % 10), image: dataUrl(await randomPng()) },
      });
    const stored = new Map<string, string>();
    let refused = null;
    for (let seed = 1; seed < 100 && refused === null; seed += 1) {
      const response = await post('digits', seed);
      if (response.statusCode === 201) {
        const relative = response.json().path as string;
        stored.set(relative, sha(await readFile(path.join(test.feedbackDir, relative))));
      } else refused = response;
    }
    expect(refused?.statusCode, refused?.body).toBe(507);
    expect(refused!.json().error.code).toBe('FEEDBACK_QUOTA_EXCEEDED');
    expect(refused!.json().error.message).toMatch(/--feedback-quota/);
    expect(stored.size).toBeGreaterThan(2);
    const used = await test.context.feedback.bytesOf('digits');
    expect(used).toBeLessThanOrEqual(40_000);
    // Everything acknowledged is there, byte for byte; the listing still has it all.
    for (const [relative, hash] of stored) {
      expect(sha(await readFile(path.join(test.feedbackDir, relative))), relative).toBe(hash);
    }
    const listing = (await test.app.inject('/api/feedback?model=digits')).json();
    expect(listing.total).toBe(stored.size);
    // Another model has its own quota.
    expect((await post('other', 1)).statusCode).toBe(201);
    // A deleted sample waits in the trash for undo, so it still counts.
    const first = [...stored.keys()][0];
    const deleted = await test.app.inject({
      method: 'POST',
      url: '/api/feedback/delete',
      payload: { path: first },
    });
    expect(deleted.statusCode).toBe(200);
    expect((await post('digits', 200)).statusCode).toBe(507);
    // Removed for good (by hand, here from the trash): measured again, room again.
    await rm(path.join(test.feedbackDir, '.trash', first));
    await rm(path.join(test.feedbackDir, [...stored.keys()][1]));
    expect((await post('digits', 201)).statusCode).toBe(201);
    await test.app.close();
  });

  it('refuses a whole sequence correction that does not fit, storing none of it', async () => {
    const test = await startTestApp({ feedbackQuotaBytes: 30_000 });
    const image = await randomPng(120);
    const characters = Array.from({ length: 8 }, (_, index) => ({
      box: { x: index * 15, y: 0, width: 15, height: 120 },
      label: '1',
    }));
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/feedback/sequence',
      payload: { model: 'digits', image: dataUrl(image), characters },
    });
    expect([response.statusCode, response.json().error?.code]).toEqual([507, 'FEEDBACK_QUOTA_EXCEEDED']);
    expect((await test.app.inject('/api/feedback')).json().total).toBe(0);
    await test.app.close();
  });
});

/** A PNG that compresses badly (noise), `side`² RGB. */
async function randomPng(side = 64): Promise<Buffer> {
  const raw = { width: side, height: side, channels: 3 as const };
  return sharp(randomBytes(side * side * 3), { raw })
    .png()
    .toBuffer();
}
