// Publishing a model version under load: a real server process on loopback serves models/digits
// (plain folder = version 1) to a 64-connection autocannon load; mid-run version 2 is published as
// operators are told to (copy to models/digits/.2.tmp, then rename to models/digits/2) and picked up
// by the server's polling. Prints the failed requests, the time until every answer names version 2,
// and the throughput.
//   npx tsx bench/serve-model-swap.ts [--duration 30] [--publish-at 5] [--connections 64]
//                                     [--poll-seconds 2] [--threads <n>] [--json]
import { cp, mkdtemp, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { autocannon, repoRoot, startServer } from './serve-harness';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '30' },
      'publish-at': { type: 'string', default: '5' },
      connections: { type: 'string', default: '64' },
      'poll-seconds': { type: 'string', default: '2' },
      threads: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const source = path.join(repoRoot, 'models', 'digits');
  const modelsDir = await mkdtemp(path.join(tmpdir(), 'glyph-bench-swap-'));
  await cp(source, path.join(modelsDir, 'digits'), { recursive: true });
  const extraArgs = ['--model-poll-seconds', values['poll-seconds']];
  if (values.threads) extraArgs.push('--threads', values.threads);
  const server = await startServer(modelsDir, extraArgs);
  const png = await drawingPng();

  // Per answer: when it arrived and the version it names.
  const answers: { at: number; version: number | undefined }[] = [];
  const start = performance.now();
  let publishedAt = Number.POSITIVE_INFINITY;
  const publish = setTimeout(
    async () => {
      const staging = path.join(modelsDir, 'digits', '.2.tmp');
      await cp(source, staging, { recursive: true });
      await rename(staging, path.join(modelsDir, 'digits', '2'));
      publishedAt = performance.now();
    },
    Number(values['publish-at']) * 1000,
  );
  const report = await autocannon({
    url: `${server.url}/api/models/digits/predict?top=1`,
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: png,
    connections: Number(values.connections),
    duration: Number(values.duration),
    requests: [
      {
        onResponse: (_status: number, body: string) => {
          const version = (JSON.parse(body || '{}') as { version?: number }).version;
          answers.push({ at: performance.now(), version });
        },
      },
    ],
  });
  clearTimeout(publish);
  await server.stop();

  const lastV1 = Math.max(...answers.filter((answer) => answer.version === 1).map((answer) => answer.at));
  const firstV2 = Math.min(...answers.filter((answer) => answer.version === 2).map((answer) => answer.at));
  const summary = {
    connections: Number(values.connections),
    seconds: Number(values.duration),
    pollSeconds: Number(values['poll-seconds']),
    requests: report.requests.total,
    failedRequests: report.errors + report.timeouts + report.non2xx,
    requestsPerSecond: report.requests.average,
    latencyP50Ms: report.latency.p50,
    latencyP99Ms: report.latency.p99,
    publishedAtSeconds: round((publishedAt - start) / 1000),
    firstVersion2AfterSeconds: round((firstV2 - publishedAt) / 1000),
    allVersion2AfterSeconds: round((Math.max(lastV1, firstV2) - publishedAt) / 1000),
    answersNamingNoVersion: answers.filter((answer) => answer.version === undefined).length,
  };
  if (values.json) console.log(JSON.stringify(summary, null, 2));
  else {
    console.log(
      `${summary.requests} requests, ${summary.failedRequests} failed, ${summary.requestsPerSecond} req/s (p50 ${summary.latencyP50Ms} ms, p99 ${summary.latencyP99Ms} ms)`,
    );
    console.log(
      Number.isFinite(firstV2)
        ? `version 2 published at ${summary.publishedAtSeconds} s; first answer from it after ${summary.firstVersion2AfterSeconds} s; every answer from it after ${summary.allVersion2AfterSeconds} s`
        : `version 2 published at ${summary.publishedAtSeconds} s never answered during the run (raise --duration)`,
    );
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

await main();
process.exit(0);
