// Load test of the recognition server on loopback, beside the seed thesis's serving path (Flask under
// gunicorn, `../shared/peers/flask_seed_server.py`). Every request carries a 280×280 canvas PNG.
//   npx tsx bench/serve-load.ts [--models <dir>] [--threads <n>] [--duration 30] [--connections 64]
//                               [--no-peer] [--json]
// Without --models it serves the bundled models/ if they hold `chars`, else a stand-in: the seed
// thesis network itself (62 classes, random weights, like the peer).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  autocannon,
  benchModels,
  canvasPng,
  round1 as round,
  processTreeCpuSeconds,
  repoRoot,
  startServer,
} from './serve-harness';

const peerDir = path.resolve(repoRoot, '../shared/peers');

export interface LoadResult {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly requests: number;
  /** Connection errors, timeouts and non-2xx answers together. */
  readonly errors: number;
  /** Server CPU time (all its processes and threads) per request served. */
  readonly serverCpuMsPerRequest: number;
}

async function load(
  name: string,
  url: string,
  body: Buffer,
  contentType: string,
  seconds: number,
  connections: number,
  serverPid: number,
) {
  const cpuBefore = await processTreeCpuSeconds(serverPid);
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
    serverCpuMsPerRequest: round(
      (((await processTreeCpuSeconds(serverPid)) - cpuBefore) * 1000) / report.requests.total,
    ),
  } satisfies LoadResult;
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
async function meanBatchSize(url: string, model: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = new RegExp(`glyph_batch_size_sum\\{model="${model}"\\} ([\\d.e+]+)`).exec(text);
  const count = new RegExp(`glyph_batch_size_count\\{model="${model}"\\} ([\\d.e+]+)`).exec(text);
  return sum && count ? Math.round((Number(sum[1]) / Number(count[1])) * 10) / 10 : undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string' },
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '64' },
      threads: { type: 'string' },
      'no-peer': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  const png = await canvasPng();
  const dataUrl = Buffer.from(`data:image/png;base64,${png.toString('base64')}`);
  const form = 'application/x-www-form-urlencoded; charset=UTF-8'; // what the original pages' jQuery sent
  const models = await benchModels(values.models);
  const results: LoadResult[] = [];

  const glyph = await startServer(models.dir, values.threads ? ['--threads', values.threads] : []);
  const route = `/api/models/${models.modelId}/predict`;
  const glyphPid = glyph.child.pid ?? 0;
  const run = (name: string, url: string, body: Buffer, type: string, pid: number) =>
    load(name, url, body, type, seconds, connections, pid);
  await load('warm-up', `${glyph.url}/predict/`, dataUrl, form, 3, connections, glyphPid);
  results.push(
    await run('Glyph POST /predict/ (data URL)', `${glyph.url}/predict/`, dataUrl, form, glyphPid),
  );
  const batch = await meanBatchSize(glyph.url, models.modelId);
  const rssMb = await glyph.rssMb();
  results.push(
    await run(`Glyph POST ${route} (PNG bytes)`, `${glyph.url}${route}`, png, 'image/png', glyphPid),
  );
  await glyph.stop();

  const peer = values['no-peer'] ? undefined : await startPeer();
  if (peer) {
    const peerPid = peer.child.pid ?? 0;
    await load('warm-up', `${peer.url}/predict/`, dataUrl, form, 3, connections, peerPid);
    const name = 'seed Flask + gunicorn -w 2 POST /predict/';
    results.push(await run(name, `${peer.url}/predict/`, dataUrl, form, peerPid));
    await stop(peer.child, true);
  }
  const summary = {
    models: models.description,
    canvasPngBytes: png.length,
    seconds,
    connections,
    meanBatchSize: batch,
    serverRssMb: rssMb,
    results,
    ratioRequestsPerSecond: peer
      ? round(results[0].requestsPerSecond / results[2].requestsPerSecond)
      : undefined,
    ratioCpuPerRequest: peer
      ? round(results[2].serverCpuMsPerRequest / results[0].serverCpuMsPerRequest)
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
    '| server / route | req/s | p50 ms | p99 ms | requests | errors | server CPU ms/request |\n| --- | --: | --: | --: | --: | --: | --: |\n',
  );
  for (const r of results) {
    process.stdout.write(
      `| ${r.name} | ${r.requestsPerSecond} | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${r.requests} | ${r.errors} | ${r.serverCpuMsPerRequest} |\n`,
    );
  }
  process.stdout.write(
    `\nmean batch size (Glyph /predict/ run): ${batch}; server RSS after it: ${rssMb} MB\n`,
  );
  if (summary.ratioRequestsPerSecond) {
    process.stdout.write(`Glyph / seed requests per second: ${summary.ratioRequestsPerSecond}×; `);
    process.stdout.write(`seed / Glyph server CPU per request: ${summary.ratioCpuPerRequest}×\n`);
  }
}

await main();
process.exit(0);
