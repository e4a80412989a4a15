import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from '../test-support/test-app';
import { parseServerConfig } from '../config/server-config';
import { parseRateLimits } from './rate-limits';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

describe('per-client rate limits', () => {
  let test: TestApp;
  let png: Buffer;

  beforeAll(async () => {
    test = await startTestApp({ rateLimit: { predict: 3, write: 2, read: 4 } });
    png = await drawingPng(64);
  });
  afterAll(async () => {
    await test.app.close();
  });

  const predict = (remoteAddress = '127.0.0.1') =>
    test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      headers: { 'content-type': 'image/png' },
      payload: png,
      remoteAddress,
    });

  it('answers 429 RATE_LIMITED with Retry-After once a client spends its predict budget', async () => {
    for (let index = 0; index < 3; index += 1) expect((await predict()).statusCode).toBe(200);
    const refused = await predict();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/at most 3 a minute.*--rate-limit/) },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another client has its own budget.
    expect((await predict('10.0.0.2')).statusCode).toBe(200);
  });

  it('keeps writes on a budget of their own, and never limits the health probes', async () => {
    const post = () =>
      test.app.inject({
        method: 'POST',
        url: '/api/feedback',
        payload: { model: 'digits', label: '1', image: dataUrl(png) },
      });
    // Predictions are spent (previous test), writes are not.
    expect((await post()).statusCode).toBe(201);
    expect((await post()).statusCode).toBe(201);
    const refused = await post();
    expect([refused.statusCode, refused.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(refused.headers['retry-after']).toBeDefined();
    for (let index = 0; index < 20; index += 1) {
      expect((await test.app.inject('/healthz')).statusCode).toBe(200);
      expect((await test.app.inject('/readyz')).statusCode).toBe(200);
    }
    // Nor stored images, the API docs or a path outside the API (the web app's files, here a 404).
    const listed = (await test.app.inject('/api/feedback')).json().samples[0].url;
    for (let index = 0; index < 8; index += 1) expect((await test.app.inject(listed)).statusCode).toBe(200);
    for (let index = 0; index < 8; index += 1) {
      expect((await test.app.inject('/api/docs/json')).statusCode).not.toBe(429);
      expect((await test.app.inject('/assets/app.js')).statusCode).toBe(404);
    }
    // Reads have their own budget too.
    const reads = [];
    for (let index = 0; index < 5; index += 1) reads.push((await test.app.inject('/api/models')).statusCode);
    expect(reads).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('parseRateLimits', () => {
  it('reads off, a subset of kinds, and refuses anything else', () => {
    expect(parseRateLimits('off')).toBeNull();
    expect(parseRateLimits('write=10')).toEqual({ predict: 1200, write: 10, read: 1200 });
    expect(parseRateLimits('predict=0, read=5')).toEqual({ predict: 0, write: 120, read: 5 });
    for (const bad of ['fast', 'write=-1', 'upload=3', 'write=1.5', ''])
      expect(typeof parseRateLimits(bad), bad).toBe('string');
  });
});

describe('the quota and limit flags', () => {
  it('read --rate-limit, --feedback-quota and --feedback-max-image-bytes, with defaults', () => {
    const defaults = parseServerConfig([], {}, '/');
    expect(defaults.rateLimit).toEqual({ predict: 1200, write: 120, read: 1200 });
    expect([defaults.feedbackQuotaBytes, defaults.feedbackMaxImageBytes]).toEqual([1024 ** 3, 1024 ** 2]);
    const given = parseServerConfig(
      ['--rate-limit', 'write=5', '--feedback-quota', '2gb', '--feedback-max-image-bytes', '256kb'],
      { GLYPH_RATE_LIMIT: 'off' },
      '/',
    );
    expect(given.rateLimit).toEqual({ predict: 1200, write: 5, read: 1200 });
    expect([given.feedbackQuotaBytes, given.feedbackMaxImageBytes]).toEqual([2 * 1024 ** 3, 256 * 1024]);
    expect(parseServerConfig([], { GLYPH_RATE_LIMIT: 'off' }, '/').rateLimit).toBeNull();
    expect(() => parseServerConfig(['--rate-limit', 'lots'], {}, '/')).toThrow(/--rate-limit.*predict=1200/);
  });
});
