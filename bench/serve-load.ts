// Load test of the recognition server on loopback, beside the seed thesis's serving path (Flask under
// gunicorn, `../shared/peers/flask_seed_server.py`). Every request carries a 280×280 canvas PNG.
//   npx tsx bench/serve-load.ts [--models <dir>] [--duration 30] [--connections 64] [--no-peer] [--json]
// Without --models it serves the bundled models/ if they hold a character model, else a stand-in:
// the seed thesis network itself (62 classes, random weights, like the peer) as `chars`.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { buildSeedThesis } from '@glyph/core/zoo';
import { saveModelFolder } from '@glyph/node/model-io';
import sharp from 'sharp';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const peerDir = path.resolve(repoRoot, '../shared/peers');

export interface LoadResult {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly requests: number;
  /** Connection errors, timeouts and non-2xx answers together. */
  readonly errors: number;
}

/** A 280×280 canvas as the original apps post it: RGBA PNG, black anti-aliased strokes on white. */
export async function canvasPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="280" height="280">
    <rect width="280" height="280" fill="white"/>
    <path d="M 190 60 L 100 60 L 92 135 Q 150 110 185 160 Q 200 230 120 235 Q 90 235 80 215"
      stroke="black" stroke-width="18" stroke-linecap="round" stroke-linejoin="round" fill="none"/>
  </svg>`;
  return sharp(Buffer.from(svg)).ensureAlpha().png().toBuffer();
}

interface AutocannonReport {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonReport>;
// Loaded through require: the package ships no types, and its CLI reads bodies as UTF-8 text.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function load(
  name: string,
  url: string,
  body: Buffer,
  contentType: string,
  seconds: number,
  connections: number,
) {
  const report = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    connections,
    duration: seconds,
  });
  return {
    name,
    requestsPerSecond: Math.round(report.requests.average),
    latencyP50Ms: report.latency.p50,
    latencyP99Ms: report.latency.p99,
    requests: report.requests.total,
    errors: report.errors + report.timeouts + report.non2xx,
  } satisfies LoadResult;
}

/** The models to serve: the bundled ones if they include a character model, else the stand-in. */
async function modelsForBench(requested: string | undefined): Promise<{ dir: string; description: string }> {
  if (requested) return { dir: path.resolve(requested), description: `models from ${requested}` };
  const bundled = path.join(repoRoot, 'models');
  const ids = await readdir(bundled).catch(() => [] as string[]);
  if (ids.includes('chars')) return { dir: bundled, description: 'bundled models/ (POST /predict/ → chars)' };
  await tf.setBackend('cpu');
  const dir = await mkdtemp(path.join(tmpdir(), 'glyph-bench-models-'));
  const labels = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
  const model = buildSeedThesis({ inputShape: [28, 28, 1], numClasses: labels.length, seed: 1 });
  await saveModelFolder(model, path.join(dir, 'chars'), {
    id: 'chars',
    name: 'Seed thesis network, random weights (load-test stand-in)',
    task: 'character',
    labels,
    input: { width: 28, height: 28, channels: 1 },
    preprocessing: { kind: 'ink-emnist' },
    dataset: { name: 'none', split: 'none', sha256: '0'.repeat(64) },
    metrics: { accuracy: 0 },
    training: { epochs: 0, seconds: 0, backend: 'none' },
    createdAt: new Date().toISOString(),
    version: '0',
  });
  model.dispose();
  return { dir, description: 'stand-in: seed thesis network (2.4 M parameters, random weights) as chars' };
}

async function startGlyph(modelsDir: string): Promise<{ url: string; child: ChildProcess }> {
  const entry = path.join(repoRoot, 'apps/server/src/server.ts');
  const feedback = await mkdtemp(path.join(tmpdir(), 'glyph-bench-feedback-'));
  const args = ['--import', 'tsx', entry, '--port', '0', '--models', modelsDir, '--feedback-dir', feedback];
  const child = spawn(process.execPath, [...args, '--web-dir', '', '--log-level', 'warn'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ type: string; url: string; message?: string }];
  if (message.type !== 'listening') throw new Error(`server did not start: ${message.message}`);
  while (!(await fetch(`${message.url}/readyz`)).ok) await new Promise((resolve) => setTimeout(resolve, 100));
  return { url: message.url, child };
}

async function startPeer(): Promise<{ url: string; child: ChildProcess } | undefined> {
  const args = ['-w', '2', '-b', '127.0.0.1:5000', '--chdir', peerDir, 'flask_seed_server:app'];
  const child = spawn('gunicorn', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const failed = once(child, 'error').then(() => undefined);
  const url = 'http://127.0.0.1:5000';
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) return undefined;
    const up = await fetch(`${url}/predict/`, { method: 'POST', body: 'x' }).then(
      (response) => response.status === 400,
      () => false,
    );
    if (up) return { url, child };
    const gone = await Promise.race([
      failed,
      new Promise((resolve) => setTimeout(() => resolve(false), 200)),
    ]);
    if (gone === undefined) return undefined;
  }
  return undefined;
}

async function stop(child: ChildProcess, group = false): Promise<void> {
  const exited = once(child, 'exit');
  if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  else child.kill('SIGTERM');
  await exited;
}

/** Average batch size from the server's Prometheus histogram. */
async function meanBatchSize(url: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = /glyph_batch_size_sum\{model="chars"\} ([\d.e+]+)/.exec(text);
  const count = /glyph_batch_size_count\{model="chars"\} ([\d.e+]+)/.exec(text);
  return sum && count ? Math.round((Number(sum[1]) / Number(count[1])) * 10) / 10 : undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string' },
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '64' },
      'no-peer': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  const png = await canvasPng();
  const dataUrl = Buffer.from(`data:image/png;base64,${png.toString('base64')}`);
  const form = 'application/x-www-form-urlencoded; charset=UTF-8'; // what the original pages' jQuery sent
  const models = await modelsForBench(values.models);
  const results: LoadResult[] = [];

  const glyph = await startGlyph(models.dir);
  await load('warm-up', `${glyph.url}/predict/`, dataUrl, form, 3, connections);
  results.push(
    await load(
      'Glyph POST /predict/ (data URL)',
      `${glyph.url}/predict/`,
      dataUrl,
      form,
      seconds,
      connections,
    ),
  );
  const batch = await meanBatchSize(glyph.url);
  results.push(
    await load(
      'Glyph POST /api/models/chars/predict (PNG)',
      `${glyph.url}/api/models/chars/predict`,
      png,
      'image/png',
      seconds,
      connections,
    ),
  );
  await stop(glyph.child);

  const peer = values['no-peer'] ? undefined : await startPeer();
  if (peer) {
    await load('warm-up', `${peer.url}/predict/`, dataUrl, form, 3, connections);
    results.push(
      await load(
        'seed Flask+gunicorn -w 2 POST /predict/',
        `${peer.url}/predict/`,
        dataUrl,
        form,
        seconds,
        connections,
      ),
    );
    await stop(peer.child, true);
  }
  const summary = {
    models: models.description,
    canvasPngBytes: png.length,
    seconds,
    connections,
    meanBatchSize: batch,
    results,
    ratioRequestsPerSecond: peer
      ? round(results[0].requestsPerSecond / results[2].requestsPerSecond)
      : undefined,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `${summary.models}; ${png.length}-byte canvas PNG; ${connections} connections × ${seconds} s\n\n`,
  );
  process.stdout.write(
    '| server / route | req/s | p50 ms | p99 ms | requests | errors |\n| --- | --: | --: | --: | --: | --: |\n',
  );
  for (const r of results) {
    process.stdout.write(
      `| ${r.name} | ${r.requestsPerSecond} | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${r.requests} | ${r.errors} |\n`,
    );
  }
  process.stdout.write(`\nmean batch size (Glyph /predict/ run): ${batch}\n`);
  if (summary.ratioRequestsPerSecond)
    process.stdout.write(`Glyph / seed requests per second: ${summary.ratioRequestsPerSecond}×\n`);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

await main();
process.exit(0);
