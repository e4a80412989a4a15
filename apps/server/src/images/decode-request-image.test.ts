import type { RawImage } from '@glyph/core/image';
import { decodeImage } from '@glyph/node/image';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from '../test-support/test-app';
import { HEAVY_DECODE_PIXELS, MAX_HEAVY_DECODES_PER_CLIENT } from './client-decode-limit';
import { SMALL_BODY_BYTES } from './refuse-busy-client';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** A plain white PNG: a few hundred bytes whatever its size. */
const whitePng = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();

/** Holds every decode until `open()`, counting the decodes started. */
function gatedDecodes(test: TestApp) {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const state = { started: 0, open };
  test.deps.decodeImage = async (bytes, options): Promise<RawImage> => {
    state.started += 1;
    await gate;
    return decodeImage(bytes, options);
  };
  return state;
}

const predict = (test: TestApp, payload: Buffer, remoteAddress = '10.0.0.1') =>
  test.app.inject({ method: 'POST', url: '/api/models/digits/predict', payload, remoteAddress });

/** Client 10.0.0.1 with its allowance of heavy images in flight, their decodes held by a gate. */
async function atHeavyAllowance(test: TestApp) {
  const decodes = gatedDecodes(test);
  const heavy = await whitePng(2048, 1024);
  const held = Array.from({ length: MAX_HEAVY_DECODES_PER_CLIENT }, () => predict(test, heavy));
  await expect.poll(() => decodes.started).toBe(MAX_HEAVY_DECODES_PER_CLIENT);
  return { decodes, held };
}

describe('decoding request images', () => {
  let test: TestApp | undefined;
  afterEach(async () => {
    await test?.app.close();
    test = undefined;
  });

  it('reserves the pixel budget from the header, before any pixel is decoded', async () => {
    test = await startTestApp();
    const reservedAtDecode: number[] = [];
    const context = test.context;
    test.deps.decodeImage = (bytes, options) => {
      reservedAtDecode.push(context.pixels.pixelsInUse);
      return decodeImage(bytes, options);
    };
    const response = await predict(test, await whitePng(300, 200));
    expect(response.statusCode).toBe(200);
    expect(reservedAtDecode).toEqual([300 * 200]);
    expect(context.pixels.pixelsInUse).toBe(0);
  });

  it('refuses an image the budget cannot hold without decoding it', async () => {
    // The in-flight budget is 4 × maxPixels: four 100×100 images fill it.
    test = await startTestApp({ maxPixels: 100 * 100 });
    const decodes = gatedDecodes(test);
    const image = await whitePng(100, 100);
    const held = [1, 2, 3, 4].map(() => predict(test as TestApp, image));
    await expect.poll(() => decodes.started).toBe(4);
    const refused = await predict(test, image);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('OVERLOADED');
    expect(decodes.started).toBe(4);
    decodes.open();
    expect((await Promise.all(held)).map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    expect(test.context.pixels.pixelsInUse).toBe(0);
  });

  it('limits each client’s decode-heavy images in flight, not its small ones nor other clients', async () => {
    test = await startTestApp();
    const decodes = gatedDecodes(test);
    const heavy = await whitePng(2048, 1024);
    expect(2048 * 1024).toBeGreaterThan(HEAVY_DECODE_PIXELS);
    const held = Array.from({ length: MAX_HEAVY_DECODES_PER_CLIENT }, () => predict(test as TestApp, heavy));
    await expect.poll(() => decodes.started).toBe(MAX_HEAVY_DECODES_PER_CLIENT);
    const refused = await predict(test, heavy);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({ code: 'OVERLOADED' });
    expect(refused.headers['retry-after']).toBeDefined();
    expect(decodes.started).toBe(MAX_HEAVY_DECODES_PER_CLIENT);
    const others = [predict(test, await drawingPng(280, 2)), predict(test, heavy, '10.0.0.2')];
    await expect.poll(() => decodes.started).toBe(MAX_HEAVY_DECODES_PER_CLIENT + 2);
    decodes.open();
    for (const response of [...(await Promise.all(held)), ...(await Promise.all(others))]) {
      expect(response.statusCode).toBe(200);
    }
    expect(test.context.clientDecodes.heavyInFlight('10.0.0.1')).toBe(0);
    expect(test.context.pixels.pixelsInUse).toBe(0);
    // The slots are back: the client may send heavy images again.
    expect((await predict(test, heavy)).statusCode).toBe(200);
  });

  it('refuses a large body from a client at its heavy allowance before reading it', async () => {
    test = await startTestApp();
    const { decodes, held } = await atHeavyAllowance(test);
    // Not an image at all: read, it would be a 415; refused unread, it is a 503.
    const large = Buffer.alloc(SMALL_BODY_BYTES + 1, 7);
    const refused = await predict(test, large);
    expect([refused.statusCode, refused.json().error.code]).toEqual([503, 'OVERLOADED']);
    expect(refused.headers.connection).toBe('close');
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await predict(test, large, '10.0.0.2')).statusCode).toBe(415);
    // Small bodies from the busy client are still read and served.
    const small = predict(test, await drawingPng(280, 3));
    await expect.poll(() => decodes.started).toBe(MAX_HEAVY_DECODES_PER_CLIENT + 1);
    decodes.open();
    expect((await small).statusCode).toBe(200);
    expect((await Promise.all(held)).map((response) => response.statusCode)).toEqual([200, 200]);
    expect((await predict(test, large)).statusCode).toBe(415);
  });

  it('holds a refused client that re-sends before its Retry-After, then looks at the request again', async () => {
    test = await startTestApp();
    const { decodes, held } = await atHeavyAllowance(test);
    const large = Buffer.alloc(SMALL_BODY_BYTES + 1, 7);
    const refused = await predict(test, large);
    expect(refused.statusCode).toBe(503);
    const retryAfterMs = Number(refused.headers['retry-after']) * 1000;

    // Still busy when it comes back at once, and still busy after the wait: refused again, later.
    let started = performance.now();
    expect((await predict(test, large)).statusCode).toBe(503);
    expect(performance.now() - started).toBeGreaterThan(retryAfterMs - 100);
    expect(test.context.earlyRetries.held).toBe(0);

    // Comes back at once again; its images finish meanwhile, so after the wait its body is read.
    started = performance.now();
    const again = predict(test, large);
    await expect.poll(() => test?.context.earlyRetries.held).toBe(1);
    decodes.open();
    expect((await Promise.all(held)).map((response) => response.statusCode)).toEqual([200, 200]);
    expect((await again).statusCode).toBe(415); // read: not an image
    expect(performance.now() - started).toBeGreaterThan(retryAfterMs - 100);
    // Another client is never held for it.
    started = performance.now();
    expect((await predict(test, large, '10.0.0.2')).statusCode).toBe(415);
    expect(performance.now() - started).toBeLessThan(retryAfterMs / 2);
  });

  it('refuses a large PNG the pixel budget cannot take from its header, before reading the rest', async () => {
    // Heavy images may fill three quarters of 4 × 2048²: three 2048² images.
    test = await startTestApp({ maxPixels: 2048 * 2048 });
    const decodes = gatedDecodes(test);
    const held = ['10.0.1.1', '10.0.1.2', '10.0.1.3'].map(async (client) =>
      predict(test as TestApp, await whitePng(2048, 2048), client),
    );
    await expect.poll(() => decodes.started).toBe(3);
    const large = Buffer.concat([await whitePng(2048, 2048), Buffer.alloc(SMALL_BODY_BYTES)]);
    const refused = await predict(test, large, '10.0.1.4');
    expect([refused.statusCode, refused.json().error.code]).toEqual([503, 'OVERLOADED']);
    expect(refused.headers.connection).toBe('close');
    // A canvas still finds room.
    const canvas = predict(test, await drawingPng(280, 4), '10.0.1.4');
    await expect.poll(() => decodes.started).toBe(4);
    decodes.open();
    expect((await canvas).statusCode).toBe(200);
    expect((await Promise.all(held)).map((response) => response.statusCode)).toEqual([200, 200, 200]);
  });

  it('gives the reservation back when the image does not decode', async () => {
    test = await startTestApp();
    const png = await whitePng(64, 64);
    const corrupt = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]);
    const response = await predict(test, corrupt);
    expect(response.statusCode).toBe(422);
    expect(test.context.pixels.pixelsInUse).toBe(0);
  });
});
