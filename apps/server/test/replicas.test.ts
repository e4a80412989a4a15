// Glyph as two replicas of `glyph serve` behind Debian's haproxy running deploy/haproxy.cfg, all real
// processes on loopback, under a 64-connection load (autocannon).
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../src/auth/api-key-entries';
import { startGlyphServe, stopGlyphServe, waitFor, type Served } from '../src/test-support/glyph-process';
import { startHaproxy, type RunningProxy } from '../src/test-support/haproxy';
import { drawingPng } from '../src/test-support/test-app';

interface LoadReport {
  requests: { total: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = ((options: Record<string, unknown>) => Promise<LoadReport>) & {
  track?: unknown;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const shippedDigits = fileURLToPath(new URL('../../../models/digits', import.meta.url));
const key = generateApiKey();

describe('two replicas behind haproxy', () => {
  let modelsDir: string;
  let replicaArgs: string[];
  let replicas: Served[] = [];
  let proxy: RunningProxy;
  let png: Buffer;

  const hostPort = (served: Served) => `${served.url.hostname}:${served.url.port}`;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'glyph-replicas-'));
    modelsDir = path.join(root, 'models');
    await mkdir(path.join(modelsDir, 'digits'), { recursive: true });
    await cp(shippedDigits, path.join(modelsDir, 'digits'), { recursive: true });
    const keysFile = path.join(root, 'keys.txt');
    await writeFile(keysFile, `${hashApiKey(key)} replicas-test\n`);
    replicaArgs = [
      '--models',
      modelsDir,
      '--feedback-dir',
      path.join(root, 'feedback'),
      '--api-keys',
      keysFile,
      '--trust-proxy',
      '127.0.0.1',
      // One load generator stands for many clients here; the limits are per replica (docs/deploy.md).
      '--rate-limit',
      'off',
      '--threads',
      '1',
      '--log-level',
      'warn',
    ];
    replicas = await Promise.all([startGlyphServe(replicaArgs), startGlyphServe(replicaArgs)]);
    proxy = await startHaproxy([hostPort(replicas[0]), hostPort(replicas[1])]);
    await waitFor(
      async () => ((await proxy.stats()).every((server) => server.status === 'UP') ? true : undefined),
      20_000,
      () => proxy.output(),
    );
    png = await drawingPng(280, 7);
  });

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(replicas.map((served) => stopGlyphServe(served)));
  });

  const predictThroughProxy = () =>
    fetch(new URL('/api/models/digits/predict', proxy.url), {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });

  it('answers through the proxy from both replicas', async () => {
    const before = await proxy.stats();
    for (let index = 0; index < 20; index += 1) expect((await predictThroughProxy()).status).toBe(200);
    const after = await proxy.stats();
    for (const server of after) {
      const served = server.total - before.find((entry) => entry.name === server.name)!.total;
      expect(served, server.name).toBeGreaterThan(0);
    }
  });

  it('takes a killed replica out under load: failed requests stay within its requests in flight', async () => {
    const load = autocannon({
      url: new URL('/api/models/digits/predict', proxy.url).href,
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: png,
      connections: 64,
      duration: 8,
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const inFlight = (await proxy.stats()).find((server) => server.name === 'replica1')!.current;
    await stopGlyphServe(replicas[0], 'SIGKILL');
    const report = await load;
    const failed = report.errors + report.timeouts + report.non2xx;
    expect(report.requests.total).toBeGreaterThan(100);
    expect(failed).toBeLessThanOrEqual(inFlight);
    const stats = await proxy.stats();
    expect(stats.find((server) => server.name === 'replica1')!.status).toMatch(/^DOWN/);
    expect(stats.find((server) => server.name === 'replica2')!.status).toBe('UP');
    console.log(
      `kill under load: ${report.requests.total} requests, ${failed} failed, ${inFlight} in flight on the killed replica`,
    );
  });
});
