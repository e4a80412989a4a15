import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { RawImage } from '@glyph/core/image';
import { decodeImage } from '@glyph/node/image';
import { afterEach, describe, expect, it } from 'vitest';
import { abortError } from './deadline';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from './test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Sends one HTTP request over a raw socket and returns the socket, so a test can hang up on it. */
async function postAndKeepSocket(port: number, url: string, contentType: string, body: Buffer) {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.on('error', () => {});
  socket.write(
    `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body);
  return socket;
}

async function listening(test: TestApp): Promise<number> {
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  return (test.app.server.address() as AddressInfo).port;
}

/** Decodes that wait for `open()`, and that stop waiting (as the decode pool does) when aborted. */
function abortableDecodes(test: TestApp) {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const state = { started: 0, aborted: 0, open };
  test.deps.decodeImage = async (bytes, options): Promise<RawImage> => {
    state.started += 1;
    const { signal } = options;
    await new Promise<void>((resolve, reject) => {
      void gate.then(resolve);
      signal?.addEventListener('abort', () => {
        state.aborted += 1;
        reject(abortError(signal));
      });
    });
    return decodeImage(bytes, options);
  };
  return state;
}

describe('abandoned requests', () => {
  let test: TestApp | undefined;
  afterEach(async () => {
    await test?.app.close();
    test = undefined;
  });

  it('leave the decode queue and give their pixels back when the client hangs up', async () => {
    test = await startTestApp();
    const decodes = abortableDecodes(test);
    const socket = await postAndKeepSocket(
      await listening(test),
      '/api/models/digits/predict',
      'image/png',
      await drawingPng(280, 1),
    );
    await expect.poll(() => decodes.started).toBe(1);
    expect(test.context.pixels.pixelsInUse).toBe(280 * 280);
    socket.destroy();
    await expect.poll(() => decodes.aborted).toBe(1);
    await expect.poll(() => test?.context.pixels.pixelsInUse).toBe(0);
  });

  it('leave the model’s batch queue when the client hangs up while an earlier batch runs', async () => {
    test = await startTestApp();
    const passesBefore = test.deps.counter.passes; // the warm-up
    let letBatchesRun = () => {};
    test.deps.counter.gate = new Promise<void>((resolve) => (letBatchesRun = resolve));
    const port = await listening(test);
    const first = fetch(`http://127.0.0.1:${port}/api/models/digits/predict`, {
      method: 'POST',
      body: new Uint8Array(await drawingPng(280, 1)),
    });
    await expect.poll(() => test?.deps.counter.held).toBe(1);
    const socket = await postAndKeepSocket(
      port,
      '/api/models/digits/predict',
      'image/png',
      await drawingPng(280, 2),
    );
    const model = test.context.registry.require('digits');
    await expect.poll(() => model.batcher.queueDepth).toBe(1);
    socket.destroy();
    await expect.poll(() => model.batcher.queueDepth).toBe(0);
    expect(test.context.pixels.pixelsInUse).toBe(280 * 280); // only the running request's pixels
    letBatchesRun();
    expect((await first).status).toBe(200);
    // The abandoned image never reached the model: one pass, for the first request.
    expect(test.deps.counter.passes - passesBefore).toBe(1);
    await expect.poll(() => test?.context.pixels.pixelsInUse).toBe(0);
  });

  it('store no feedback for a post whose client hung up before its answer', async () => {
    test = await startTestApp();
    const decodes = abortableDecodes(test);
    const body = Buffer.from(
      JSON.stringify({ model: 'digits', label: '3', image: dataUrl(await drawingPng(280, 3)) }),
    );
    const socket = await postAndKeepSocket(await listening(test), '/api/feedback', 'application/json', body);
    await expect.poll(() => decodes.started).toBe(1);
    socket.destroy();
    await expect.poll(() => decodes.aborted).toBe(1);
    decodes.open();
    await expect.poll(() => test?.context.pixels.pixelsInUse).toBe(0);
    expect(await readdir(test.feedbackDir, { recursive: true })).toEqual([]);
  });

  it('store no feedback when the client hangs up while the sample is being encoded', async () => {
    test = await startTestApp();
    let encoded = () => {};
    const encodeGate = new Promise<void>((resolve) => (encoded = resolve));
    let encodes = 0;
    const encodePng = test.deps.encodePng;
    test.deps.encodePng = async (image) => {
      encodes += 1;
      await encodeGate;
      return encodePng(image);
    };
    const body = Buffer.from(
      JSON.stringify({ model: 'digits', label: '4', image: dataUrl(await drawingPng(280, 4)) }),
    );
    const socket = await postAndKeepSocket(await listening(test), '/api/feedback', 'application/json', body);
    await expect.poll(() => encodes).toBe(1);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the server sees the hang-up
    encoded();
    await expect.poll(() => test?.context.pixels.pixelsInUse).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readdir(test.feedbackDir, { recursive: true })).toEqual([]);
  });

  /** Holds the store's answer after it has written the samples, until the test opens the gate. */
  function holdAfterSaving(test: TestApp) {
    const store = test.context.feedback;
    const [save, saveAll] = [store.save.bind(store), store.saveAll.bind(store)];
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const state = { saved: 0, open };
    store.save = async (...args) => {
      const stored = await save(...args);
      state.saved += 1;
      await gate;
      return stored;
    };
    store.saveAll = async (...args) => {
      const stored = await saveAll(...args);
      state.saved += stored.length;
      await gate;
      return stored;
    };
    return state;
  }

  const pngsIn = async (dir: string) =>
    (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.png'));

  it('take back a stored sample whose client hung up before its 201', async () => {
    test = await startTestApp();
    const saves = holdAfterSaving(test);
    const body = Buffer.from(
      JSON.stringify({ model: 'digits', label: '4', image: dataUrl(await drawingPng(280, 4)) }),
    );
    const socket = await postAndKeepSocket(await listening(test), '/api/feedback', 'application/json', body);
    await expect.poll(() => saves.saved).toBe(1);
    expect(await pngsIn(test.feedbackDir)).toHaveLength(1);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the server sees the hang-up
    saves.open();
    await expect.poll(() => pngsIn(test!.feedbackDir)).toEqual([]);
    const listing = await test.app.inject({ method: 'GET', url: '/api/feedback' });
    expect(listing.json().total).toBe(0);
  });

  it('take back every character of a sequence correction whose client hung up before its 201', async () => {
    test = await startTestApp();
    const saves = holdAfterSaving(test);
    const box = { x: 20, y: 20, width: 120, height: 120 };
    const body = Buffer.from(
      JSON.stringify({
        model: 'digits',
        image: dataUrl(await drawingPng(280, 5)),
        characters: [
          { box, label: '1' },
          { box: { ...box, x: 140 }, label: '2' },
        ],
      }),
    );
    const port = await listening(test);
    const socket = await postAndKeepSocket(port, '/api/feedback/sequence', 'application/json', body);
    await expect.poll(() => saves.saved).toBe(2);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    saves.open();
    await expect.poll(() => pngsIn(test!.feedbackDir)).toEqual([]);
  });

  it('keep a stored sample whose 201 was written', async () => {
    test = await startTestApp();
    const saves = holdAfterSaving(test);
    saves.open();
    const answer = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { model: 'digits', label: '4', image: dataUrl(await drawingPng(280, 4)) },
    });
    expect(answer.statusCode).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await pngsIn(test.feedbackDir)).toEqual([answer.json().path]);
  });
});
