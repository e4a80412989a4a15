// Feedback listing cost with many samples, on a real server on loopback: GET /api/feedback latency
// over a folder of N samples, and /healthz while 16 clients list at once; beside it the old way (every
// folder read and every name sorted per listing), timed in this process on the same folder.
//   npx tsx bench/serve-feedback-index.ts [--samples 50000] [--seconds 5] [--models <dir>]
//                                         [--key <api key>] [--server-args=--no-auth] [--json]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { compare, scanFeedback } from '../apps/server/src/feedback/list-feedback';
import { benchModels, startServer } from './serve-harness';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '50000' },
    seconds: { type: 'string', default: '5' },
    models: { type: 'string' },
    key: { type: 'string' },
    'server-args': { type: 'string', default: '' },
    json: { type: 'boolean', default: false },
  },
});
const sampleCount = Number(values.samples);
const seconds = Number(values.seconds);
const headers: Record<string, string> = values.key ? { authorization: `Bearer ${values.key}` } : {};

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function summary(timesMs: number[]) {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    n: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

async function timed(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (!response.ok)
    throw new Error(`${url} answered ${response.status}; pass --key or --server-args=--no-auth`);
  return performance.now() - start;
}

/** `count` samples of model `chars` over the label folders, named as the store names them. */
async function fillFolder(root: string, count: number, labels: readonly string[]): Promise<void> {
  const png = await sharp({ create: { width: 28, height: 28, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
  for (const label of labels) await mkdir(path.join(root, 'chars', label), { recursive: true });
  const start = Date.UTC(2025, 0, 1);
  for (let from = 0; from < count; from += 1000) {
    await Promise.all(
      Array.from({ length: Math.min(1000, count - from) }, (_, offset) => {
        const index = from + offset;
        const time = new Date(start + index * 1000).toISOString().replace(/[-:.]/g, '');
        const name = `${time}-${index.toString(16).padStart(8, '0')}.png`;
        return writeFile(path.join(root, 'chars', labels[index % labels.length], name), png);
      }),
    );
  }
}

/** What every listing used to cost: read every folder, sort every name. */
async function oldListingMs(root: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    const found = await scanFeedback(root);
    found.sort((a, b) => compare(b.fileName, a.fileName) || compare(a.path, b.path));
    times.push(performance.now() - start);
  }
  return times;
}

const models = await benchModels(values.models);
const feedbackDir = await mkdtemp(path.join(tmpdir(), 'glyph-bench-index-'));
// Digits and lower-case letters: their folder names are the labels themselves.
const labels = [...'0123456789abcdefghijklmnopqrstuvwxyz'];
process.stderr.write(`writing ${sampleCount} samples into ${feedbackDir} …\n`);
await fillFolder(feedbackDir, sampleCount, labels);
const old = summary(await oldListingMs(feedbackDir));

const serverArgs = ['--feedback-dir', feedbackDir, '--rate-limit', 'off', '--threads', '1'];
const startMs = performance.now();
const server = await startServer(models.dir, [
  ...serverArgs,
  ...values['server-args'].split(' ').filter(Boolean),
]);
const readyMs = performance.now() - startMs;
try {
  const listUrl = `${server.url}/api/feedback?limit=500`;
  const first = await timed(listUrl);
  const sequential: number[] = [];
  for (let run = 0; run < 50; run += 1) sequential.push(await timed(listUrl));

  const healthQuiet: number[] = [];
  for (let run = 0; run < 50; run += 1) healthQuiet.push(await timed(`${server.url}/healthz`));

  // 16 clients listing back to back while a probe asks /healthz every 20 ms.
  const until = performance.now() + seconds * 1000;
  const listings: number[] = [];
  const health: number[] = [];
  const lister = async () => {
    while (performance.now() < until) listings.push(await timed(listUrl));
  };
  const prober = async () => {
    while (performance.now() < until) {
      health.push(await timed(`${server.url}/healthz`));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await Promise.all([...Array.from({ length: 16 }, lister), prober()]);

  const report = {
    samples: sampleCount,
    models: models.description,
    serverReadyMs: Math.round(readyMs),
    oldScanAndSort: old,
    firstListing: Math.round(first * 10) / 10,
    listing: summary(sequential),
    healthzQuiet: summary(healthQuiet),
    under16Listers: {
      listingsPerSecond: Math.round(listings.length / seconds),
      listing: summary(listings),
      healthz: summary(health),
    },
  };
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const row = (name: string, s: ReturnType<typeof summary>) =>
      `${name.padEnd(44)} p50 ${String(s.p50Ms).padStart(7)} ms   p99 ${String(s.p99Ms).padStart(7)} ms   max ${String(s.maxMs).padStart(7)} ms\n`;
    process.stdout.write(`${sampleCount} feedback samples; ${models.description}\n`);
    process.stdout.write(
      `server start to ready (index read in the background): ${report.serverReadyMs} ms\n`,
    );
    process.stdout.write(row('old way: read every folder + sort (in-process)', old));
    process.stdout.write(row('GET /api/feedback?limit=500, one client', report.listing));
    process.stdout.write(row('GET /healthz, quiet', report.healthzQuiet));
    process.stdout.write(row('GET /api/feedback, 16 clients at once', report.under16Listers.listing));
    process.stdout.write(row('GET /healthz during the 16 listers', report.under16Listers.healthz));
    process.stdout.write(`listings served: ${report.under16Listers.listingsPerSecond}/s\n`);
  }
} finally {
  await server.stop();
  await rm(feedbackDir, { recursive: true, force: true });
}
