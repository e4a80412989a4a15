// Throughput of Glyph through haproxy (deploy/haproxy.cfg): one replica straight, one replica behind
// the proxy, and two replicas behind it, each under the same 64-connection load of 280×280 canvases
// posted to one character model. On a 2-core machine the cores are the limit: two replicas cannot
// double anything; the rows show what the proxy costs and that the replicas share the load.
//   npx tsx bench/serve-replicas.ts [--models <dir>] [--duration 15] [--connections 64] [--json]
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { startHaproxy } from '@glyph/testkit/haproxy';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { benchModels, startServer, type RunningServer } from './serve-harness';

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

const { values } = parseArgs({
  options: {
    models: { type: 'string' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '64' },
    json: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const models = await benchModels(values.models);
const body = await drawingPng(280, 3);

async function load(baseUrl: string) {
  const report = await autocannon({
    url: `${baseUrl}/api/models/${models.modelId}/predict`,
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body,
    connections,
    duration,
  });
  return {
    requestsPerSecond: Math.round(report.requests.average),
    p50Ms: report.latency.p50,
    p99Ms: report.latency.p99,
    failed: report.non2xx + report.errors + report.timeouts,
  };
}

const hostPort = (server: RunningServer) => new URL(server.url).host;
const rows: { setup: string; requestsPerSecond: number; p50Ms: number; p99Ms: number; failed: number }[] = [];
const first = await startServer(models.dir, ['--trust-proxy', '127.0.0.1']);
try {
  rows.push({ setup: '1 replica, direct', ...(await load(first.url)) });
  const single = await startHaproxy([hostPort(first), hostPort(first)]);
  try {
    rows.push({ setup: '1 replica behind haproxy', ...(await load(single.url.origin)) });
  } finally {
    await single.stop();
  }
  const second = await startServer(models.dir, ['--trust-proxy', '127.0.0.1']);
  try {
    const pair = await startHaproxy([hostPort(first), hostPort(second)]);
    try {
      rows.push({ setup: '2 replicas behind haproxy', ...(await load(pair.url.origin)) });
      const shares = (await pair.stats()).map((server) => `${server.name} ${server.total}`).join(', ');
      rows[rows.length - 1] = { ...rows[rows.length - 1], setup: `2 replicas behind haproxy (${shares})` };
    } finally {
      await pair.stop();
    }
  } finally {
    await second.stop();
  }
} finally {
  await first.stop();
}

if (values.json) {
  console.log(JSON.stringify({ models: models.description, duration, connections, rows }, null, 2));
} else {
  console.log(`${models.description}; ${connections} connections, ${duration} s each`);
  console.log('| setup | canvases/s | p50 ms | p99 ms | failed |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(`| ${row.setup} | ${row.requestsPerSecond} | ${row.p50Ms} | ${row.p99Ms} | ${row.failed} |`);
  }
}
