// Glyph as two replicas of `glyph serve` behind Debian's haproxy running deploy/haproxy.cfg, sharing
// a throwaway PostgreSQL feedback store and one models directory: all real processes on loopback,
// under a 64-connection load (autocannon).
import { cp, mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../src/auth/api-key-entries';
import { startGlyphServe, stopGlyphServe, waitFor, type Served } from '@glyph/testkit/glyph-process';
import { startHaproxy, type RunningProxy } from '@glyph/testkit/haproxy';
import { startPostgresCluster, type PostgresCluster } from '@glyph/testkit/postgres-cluster';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';

interface LoadReport {
  requests: { total: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<LoadReport>;

const shippedDigits = fileURLToPath(new URL('../../../models/digits', import.meta.url));
const key = generateApiKey();
const auth = { authorization: `Bearer ${key}` };

describe('two replicas behind haproxy on one PostgreSQL feedback store', () => {
  let cluster: PostgresCluster;
  let modelsDir: string;
  let replicaArgs: string[];
  let replicas: Served[] = [];
  let proxy: RunningProxy;
  let png: Buffer;
  let image: string;

  const hostPort = (served: Served) => `${served.url.hostname}:${served.url.port}`;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const storeUrl = await cluster.createDatabase();
    const root = await mkdtemp(path.join(tmpdir(), 'glyph-replicas-'));
    modelsDir = path.join(root, 'models');
    await mkdir(path.join(modelsDir, 'digits'), { recursive: true });
    await cp(shippedDigits, path.join(modelsDir, 'digits', '1'), { recursive: true });
    const keysFile = path.join(root, 'keys.txt');
    await writeFile(keysFile, `${hashApiKey(key)} replicas-test\n`);
    replicaArgs = [
      ...['--models', modelsDir, '--feedback-store', storeUrl, '--api-keys', keysFile],
      ...['--trust-proxy', '127.0.0.1', '--model-poll-seconds', '1', '--threads', '1', '--log-level', 'warn'],
      // SIGTERM: out of the proxy's rotation (2 failed checks, 250 ms apart) before refusing anything.
      ...['--drain-seconds', '2'],
      // One load generator stands for many clients here; the limits are per replica (docs/deploy.md).
      ...['--rate-limit', 'off'],
    ];
    replicas = await Promise.all([startGlyphServe(replicaArgs), startGlyphServe(replicaArgs)]);
    proxy = await startHaproxy([hostPort(replicas[0]), hostPort(replicas[1])]);
    await waitFor(
      async () => ((await proxy.stats()).every((server) => server.status === 'UP') ? true : undefined),
      20_000,
      () => proxy.output(),
    );
    png = await drawingPng(280, 7);
    image = dataUrl(png);
  });

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(replicas.map((served) => stopGlyphServe(served)));
    await cluster?.destroy();
  });

  /** `seconds` of 64 connections posting the canvas to digits through the proxy. */
  const predictionLoad = (seconds: number) =>
    autocannon({
      url: new URL('/api/models/digits/predict', proxy.url).href,
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: png,
      connections: 64,
      duration: seconds,
    });
  const failures = (report: LoadReport) => report.errors + report.timeouts + report.non2xx;

  const call = (base: URL, route: string, body?: unknown) =>
    fetch(new URL(route, base), {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const listed = async (base: URL) =>
    (
      (await (await call(base, '/api/feedback?limit=1000')).json()) as { samples: { path: string }[] }
    ).samples.map((sample) => sample.path);

  it('answers through the proxy from both replicas', async () => {
    const before = await proxy.stats();
    for (let index = 0; index < 20; index += 1) {
      const answer = await fetch(new URL('/api/models/digits/predict', proxy.url), {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: new Uint8Array(png),
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ model: 'digits', version: 1 });
    }
    for (const server of await proxy.stats()) {
      const served = server.total - before.find((entry) => entry.name === server.name)!.total;
      expect(served, server.name).toBeGreaterThan(0);
    }
  });

  it('lists, relabels, deletes and undoes through replica B what was posted through replica A', async () => {
    const [a, b] = replicas.map((served) => served.url);
    const posted = await call(a, '/api/feedback', { model: 'digits', label: '4', image });
    expect(posted.status).toBe(201);
    const { path: samplePath } = (await posted.json()) as { path: string };
    expect(await listed(b)).toContain(samplePath);

    const relabelled = await call(b, '/api/feedback/relabel', { path: samplePath, label: '9' });
    expect(relabelled.status).toBe(200);
    const movedTo = ((await relabelled.json()) as { sample: { path: string } }).sample.path;
    expect(movedTo).toMatch(/^digits\/9\//);
    expect(await listed(a)).toContain(movedTo);
    expect(await listed(a)).not.toContain(samplePath);

    const deleted = await call(b, '/api/feedback/delete', { path: movedTo });
    expect(deleted.status).toBe(200);
    expect(await listed(a)).not.toContain(movedTo);
    const { operation } = (await deleted.json()) as { operation: { id: string } };
    const undone = await call(a, '/api/feedback/undo', { operation: operation.id });
    expect(undone.status).toBe(200);
    expect(await listed(b)).toContain(movedTo);
    const file = await call(b, `/api/feedback/files/${movedTo}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
  });

  it('serves a published version 2 from every replica under a 64-connection load, failing no request', async () => {
    const versions = new Map<number, number>();
    let lateVersion1 = 0;
    let bothOn2At = Number.POSITIVE_INFINITY;
    const load = autocannon({
      url: proxy.url.href,
      connections: 64,
      duration: 20,
      requests: [
        {
          method: 'POST',
          path: '/api/models/digits/predict',
          headers: { 'content-type': 'image/png' },
          body: png,
          onResponse: (status: number, body: string) => {
            if (status !== 200) return;
            const { version } = JSON.parse(body) as { version: number };
            versions.set(version, (versions.get(version) ?? 0) + 1);
            // In-flight requests finish on the old version; none may start on it long after the swap.
            if (version === 1 && Date.now() > bothOn2At + 2000) lateVersion1 += 1;
          },
        },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const staging = path.join(modelsDir, 'digits', '.2.tmp');
    await cp(shippedDigits, staging, { recursive: true });
    await rename(staging, path.join(modelsDir, 'digits', '2'));
    const publishedAt = Date.now();
    const servingVersion = async (served: Served) => {
      const models = (await (await fetch(new URL('/api/models', served.url))).json()) as {
        id: string;
        version: number;
      }[];
      return models.find((model) => model.id === 'digits')?.version;
    };
    await waitFor(
      async () =>
        (await Promise.all(replicas.map(servingVersion))).every((version) => version === 2)
          ? true
          : undefined,
      // How fast is measured by bench/serve-replicas.ts; here, that it happens without a failure.
      60_000,
      () => replicas.map((served) => served.output()).join('\n'),
    );
    bothOn2At = Date.now();
    const report = await load;
    console.log(
      `publish under load: every replica on version 2 after ${bothOn2At - publishedAt} ms; ${report.requests.total} requests, answers by version ${JSON.stringify(Object.fromEntries(versions))}`,
    );
    expect(failures(report)).toBe(0);
    expect([...versions.keys()].sort()).toEqual([1, 2]);
    expect(lateVersion1).toBe(0);
  });

  it('stops a replica with SIGTERM under load and starts it again without failing a request', async () => {
    const load = predictionLoad(10);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const stopped = replicas[1];
    await stopGlyphServe(stopped);
    await waitFor(
      async () =>
        (await proxy.stats()).find((server) => server.name === 'replica2')!.status.startsWith('DOWN')
          ? true
          : undefined,
      5000,
      () => proxy.output(),
    );
    replicas[1] = await startGlyphServe([...replicaArgs, '--port', stopped.url.port]);
    const report = await load;
    console.log(`rolling restart under load: ${report.requests.total} requests, ${failures(report)} failed`);
    expect(report.requests.total).toBeGreaterThan(100);
    expect(failures(report)).toBe(0);
    await waitFor(
      async () => ((await proxy.stats()).every((server) => server.status === 'UP') ? true : undefined),
      20_000,
      () => proxy.output(),
    );
  });

  it('takes a killed replica out under load: failures stay within its requests in flight, its acknowledged feedback stays', async () => {
    const acknowledged: string[] = [];
    let posting = true;
    let feedbackFailures = 0;
    const poster = (async () => {
      while (posting) {
        const answer = await call(proxy.url, '/api/feedback', { model: 'digits', label: '3', image }).catch(
          () => null,
        );
        if (answer?.status === 201) acknowledged.push(((await answer.json()) as { path: string }).path);
        else feedbackFailures += 1;
      }
    })();
    const load = predictionLoad(8);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const inFlight = (await proxy.stats()).find((server) => server.name === 'replica1')!.current;
    await stopGlyphServe(replicas[0], 'SIGKILL');
    const report = await load;
    posting = false;
    await poster;
    const failed = failures(report) + feedbackFailures;
    console.log(
      `kill under load: ${report.requests.total} predictions, ${acknowledged.length} samples acknowledged, ${failed} failed (${report.errors} errors, ${report.timeouts} timeouts, ${report.non2xx} non-2xx ${JSON.stringify(report.statusCodeStats)}, ${feedbackFailures} feedback posts), ${inFlight} in flight on the killed replica`,
    );
    expect(report.requests.total).toBeGreaterThan(100);
    expect(acknowledged.length).toBeGreaterThan(5);
    expect(failed).toBeLessThanOrEqual(inFlight);
    const stats = await proxy.stats();
    expect(stats.find((server) => server.name === 'replica1')!.status).toMatch(/^DOWN/);
    expect(stats.find((server) => server.name === 'replica2')!.status).toBe('UP');
    const kept = new Set(await listed(proxy.url));
    expect(acknowledged.filter((samplePath) => !kept.has(samplePath))).toEqual([]);
  });
});
