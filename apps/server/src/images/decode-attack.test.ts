import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGlyphApp, type GlyphApp } from '../build-app';
import { productionDependencies } from '../default-dependencies';
import { amplifyingPng } from '@glyph/testkit/amplifying-png';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, tinyMetadata, writeModelsDir } from '../test-support/test-app';

/** POSTs `body` from the loopback address `from` (each address is another client). */
function post(port: number, url: string, body: Buffer, from: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: url, method: 'POST', localAddress: from, agent: false },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function probeMs(port: number, url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${url}`);
  await response.text();
  return performance.now() - started;
}

/** The server as `glyph serve` wires it: decode threads and an inference thread, on a real port. */
describe('16 concurrent decompression-amplifying PNGs', () => {
  let built: GlyphApp;
  let port: number;
  beforeAll(async () => {
    built = await buildGlyphApp({
      modelsDir: await writeModelsDir({ digits: tinyMetadata('digits', digitLabels) }),
      feedbackDir: await mkdtemp(path.join(tmpdir(), 'glyph-feedback-')),
      webDir: null,
      logger: false,
      requireKeys: false,
      dependencies: productionDependencies({ threads: 1, backend: 'cpu' }),
    } as Parameters<typeof buildGlyphApp>[0]);
    await built.context.registry.loaded;
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    port = (built.app.server.address() as AddressInfo).port;
    // The decode threads have started once a canvas has been answered.
    expect(await post(port, '/api/models/digits/predict', await drawingPng(280, 1), '127.0.0.1')).toBe(200);
  }, 60_000);
  afterAll(() => built?.app.close());

  it('leave /healthz answering and legitimate predictions served, with no pixels held after', async () => {
    const bomb = amplifyingPng(4096);
    expect(bomb.length).toBeLessThan(80_000);
    // Eight clients, two images each: every one is admitted by the per-client limit.
    const attack = Array.from({ length: 16 }, (_, index) =>
      post(port, '/api/models/digits/predict', bomb, `127.0.0.${2 + (index % 8)}`),
    );
    let attacking = true;
    const settled = Promise.all(attack).finally(() => (attacking = false));
    const healthz: number[] = [];
    const canvas = await drawingPng(280, 5);
    const legitimate: number[] = [];
    while (attacking) {
      healthz.push(await probeMs(port, '/healthz'), await probeMs(port, '/readyz'));
      legitimate.push(await post(port, '/api/models/digits/predict', canvas, '127.0.0.1'));
    }
    const statuses = await settled;
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    expect(legitimate.filter((status) => status !== 200)).toEqual([]);
    // Decoding in-process stalled the event loop for seconds; off it, a health check waits for no decode.
    expect(Math.max(...healthz)).toBeLessThan(500);
    expect(built.context.pixels.pixelsInUse).toBe(0);
  }, 120_000);
});
