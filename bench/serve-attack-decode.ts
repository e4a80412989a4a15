// Decompression-amplification attack on a real server (loopback): 16 connections keep posting a
// 74 KB PNG that inflates to a 4096×4096 RGBA image with every row Paeth-filtered, while a legitimate
// client posts 280×280 canvases and a separate process probes /healthz and /readyz. Prints /healthz
// p50/p99/max and legitimate throughput without and with the attack, in the same run.
//   npx tsx bench/serve-attack-decode.ts [--models <dir>] [--threads <n>] [--duration 20]
//                                        [--connections 16] [--attackers 16] [--clients 16] [--json]
// --clients: how many loopback addresses (127.0.0.2, …) the attackers spread over; 1 is one client.
// --retry-after: attackers wait the Retry-After of a refusal before sending again (else they re-send at
// once, which turns the attack into a request flood: the per-client rate limit's job, off here).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { amplifyingPng } from '../apps/server/src/test-support/amplifying-png';
import { benchModels, startServer } from './serve-harness';

interface AutocannonReport {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<AutocannonReport>;

/** Probes `url` back to back from its own process (so the load generator's event loop is not measured). */
function probe(url: string, seconds: number): Promise<number[]> {
  const script = `
    const until = Date.now() + ${seconds * 1000}; const ms = [];
    while (Date.now() < until) {
      const t = performance.now(); const r = await fetch(${JSON.stringify(url)}); await r.text();
      ms.push(performance.now() - t); await new Promise((s) => setTimeout(s, 10));
    }
    process.stdout.write(JSON.stringify(ms));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`probe ${code}`)))),
  );
}

/**
 * Keeps `attackers` requests in flight from a process of its own (so the attack does not slow the
 * legitimate load generator) until `stop()`; resolves with the count of answers by status.
 */
function attack(url: string, body: Buffer, attackers: number, clients: number, honourRetryAfter: boolean) {
  const script = `
        const body = Buffer.from(process.env.ATTACK_BODY, 'base64'); const statuses = {}; let running = true;
    process.on('message', () => (running = false));
    const one = (from) => new Promise((resolve) => {
      const request = http.request(${JSON.stringify(url)}, { method: 'POST', localAddress: from, agent: false }, (response) => {
        response.resume();
        response.on('end', () => {
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          const waitS = ${honourRetryAfter} ? Number(response.headers['retry-after'] ?? 0) : 0;
          setTimeout(resolve, waitS * 1000);
        });
      });
      request.on('error', () => { statuses[0] = (statuses[0] ?? 0) + 1; resolve(); });
      request.end(body);
    });
    await Promise.all(Array.from({ length: ${attackers} }, async (_, index) => {
      const from = '127.0.0.' + (2 + (index % ${clients}));
      while (running) await one(from);
    }));
    process.send(statuses, () => process.exit(0));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ATTACK_BODY: body.toString('base64') },
  });
  const answers = new Promise<Record<string, number>>((resolve) =>
    child.once('message', (statuses) => resolve(statuses as Record<string, number>)),
  );
  return {
    stop: async () => {
      child.send('stop');
      return answers;
    },
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (value: number) => Math.round(value * 10) / 10;

/** A 280×280 RGBA canvas PNG, as bench/serve-load.ts posts (that module runs on import). */
function canvasPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="280" height="280">
    <rect width="280" height="280" fill="white"/>
    <path d="M 190 60 L 100 60 L 92 135 Q 150 110 185 160 Q 200 230 120 235 Q 90 235 80 215"
      stroke="black" stroke-width="18" stroke-linecap="round" stroke-linejoin="round" fill="none"/>
  </svg>`;
  return sharp(Buffer.from(svg)).ensureAlpha().png().toBuffer();
}

async function phase(
  name: string,
  server: { url: string },
  route: string,
  canvas: Buffer,
  options: {
    seconds: number;
    connections: number;
    attack?: { attackers: number; clients: number; retryAfter: boolean };
  },
) {
  const { attack: how } = options;
  const attacking = how
    ? attack(`${server.url}${route}`, amplifyingPng(4096), how.attackers, how.clients, how.retryAfter)
    : undefined;
  const [healthz, readyz, legit] = await Promise.all([
    probe(`${server.url}/healthz`, options.seconds),
    probe(`${server.url}/readyz`, options.seconds),
    autocannon({
      url: `${server.url}${route}`,
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: canvas,
      connections: options.connections,
      duration: options.seconds,
    }),
  ]);
  const attackAnswers = await attacking?.stop();
  return {
    name,
    healthzP50Ms: round(percentile(healthz, 50)),
    healthzP99Ms: round(percentile(healthz, 99)),
    healthzMaxMs: round(Math.max(...healthz)),
    readyzP99Ms: round(percentile(readyz, 99)),
    predictPerSecond: round(legit.requests.average),
    predictP99Ms: legit.latency.p99,
    predictErrors: legit.non2xx + legit.errors + legit.timeouts,
    attackAnswers,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string' },
      threads: { type: 'string' },
      duration: { type: 'string', default: '20' },
      connections: { type: 'string', default: '16' },
      attackers: { type: 'string', default: '16' },
      clients: { type: 'string', default: '16' },
      'retry-after': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  const attackOptions = {
    attackers: Number(values.attackers),
    clients: Number(values.clients),
    retryAfter: values['retry-after'],
  };
  const models = await benchModels(values.models);
  // One legitimate client sends thousands of requests a second here: no per-client rate limit.
  process.env.GLYPH_RATE_LIMIT ??= 'off';
  const server = await startServer(models.dir, values.threads ? ['--threads', values.threads] : []);
  const route = `/api/models/${models.modelId}/predict`;
  const canvas = await canvasPng();
  try {
    await phase('warm-up', server, route, canvas, { seconds: 3, connections });
    const quiet = await phase('no attack', server, route, canvas, { seconds, connections });
    const attacked = await phase(
      `${attackOptions.attackers} amplifying PNGs in flight from ${attackOptions.clients} client(s)${attackOptions.retryAfter ? ', honouring Retry-After' : ''}`,
      server,
      route,
      canvas,
      { seconds, connections, attack: attackOptions },
    );
    const summary = {
      models: models.description,
      attackPngBytes: amplifyingPng(4096).length,
      seconds,
      connections,
      results: [quiet, attacked],
      throughputRatio: round((attacked.predictPerSecond / quiet.predictPerSecond) * 100) / 100,
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      `${summary.models}; ${summary.attackPngBytes}-byte 4096×4096 Paeth PNG; legitimate: ${connections} connections of 280×280 canvases; ${seconds} s per phase\n\n`,
    );
    process.stdout.write(
      '| phase | /healthz p50 ms | p99 ms | max ms | /readyz p99 ms | predict req/s | predict p99 ms | predict errors | attack answers |\n| --- | --: | --: | --: | --: | --: | --: | --: | --- |\n',
    );
    for (const r of summary.results) {
      const answers = r.attackAnswers
        ? Object.entries(r.attackAnswers)
            .map(([status, count]) => `${count}× ${status}`)
            .join(', ')
        : '';
      process.stdout.write(
        `| ${r.name} | ${r.healthzP50Ms} | ${r.healthzP99Ms} | ${r.healthzMaxMs} | ${r.readyzP99Ms} | ${r.predictPerSecond} | ${r.predictP99Ms} | ${r.predictErrors} | ${answers} |\n`,
      );
    }
    process.stdout.write(
      `\nlegitimate throughput under attack: ${summary.throughputRatio} of the quiet figure\n`,
    );
  } finally {
    await server.stop();
  }
}

await main();
