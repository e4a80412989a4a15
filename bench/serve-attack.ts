// Every defect of issue 17 ("Harden the server") tried again against a real server on loopback,
// started as `glyph serve` starts it with the shipped defaults (rate limits on, API keys required for
// writes), bounded in time; prints one table: defect, attack, expected, observed, pass/fail.
//   npx tsx bench/serve-attack.ts [--quick] [--json] [--models <dir>] [--seconds 15] [--only decode,…]
// --quick: 6 s decode phases, 5,000 listed samples, smaller images (about 1.5 min instead of 4).
// --only: a comma-separated subset of the checks (decode, multipart, disk, abandon, sighup, host,
//   text-field, protocol, strict, auth, listing, crash).
// The attackers and the legitimate clients come from different loopback addresses (127.0.0.2–17
// attack, 127.0.1.x draw), so the per-client limits see them as the different clients they are.
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { benchModels, canvasPng, round1, singleModelDir, startServer } from './serve-harness';
import * as checks from './serve-attack/checks';
import type { Row, Target } from './serve-attack/checks';
import { crashCheck } from './serve-attack/crash-check';
import { decodePhase, type AttackOptions, type DecodePhase } from './serve-attack/decode-attack';
import { statusTally } from './serve-attack/http';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    models: { type: 'string' },
    seconds: { type: 'string' },
    only: { type: 'string' },
  },
});
const started = performance.now();
const quick = values.quick;
const seconds = Number(values.seconds ?? (quick ? 6 : 15));
const selected = (name: string) => {
  const chosen = !values.only || values.only.split(',').includes(name);
  if (chosen) process.stderr.write(`[${round1((performance.now() - started) / 1000)} s] ${name}\n`);
  return chosen;
};

const models = await benchModels(values.models);
const modelsDir = await singleModelDir(models);
const key = randomBytes(32).toString('base64url');
const env = { GLYPH_API_KEYS: `sha256:${createHash('sha256').update(key).digest('hex')} attack-bench` };
// Digits and lower-case letters: labels whose folder names are the labels themselves.
const labels = [...'0123456789abcdefghijklmnopqrstuvwxyz'];
const canvas = await canvasPng();
const server = await startServer(modelsDir, [], { rateLimit: true, env });
const modelLabels =
  ((await (await fetch(`${server.url}/api/models`)).json()) as { id: string; labels: string[] }[]).find(
    (model) => model.id === models.modelId,
  )?.labels ?? [];
const target: Target = {
  server,
  key,
  modelId: models.modelId,
  label: modelLabels.includes('7') ? '7' : modelLabels[0],
  canvas,
};
const listedLabels = labels.filter((label) => modelLabels.includes(label));

const rows: Row[] = [];
const phases: DecodePhase[] = [];
try {
  if (selected('decode')) {
    const route = `/api/models/${models.modelId}/predict`;
    const load = { connections: 16, clients: 64 };
    const serverPid = server.child.pid ?? 0;
    const attackers = (honourRetryAfter: boolean): AttackOptions => ({
      attackers: 16,
      clients: 16,
      honourRetryAfter,
    });
    await decodePhase('warm-up', server.url, route, canvas, { seconds: 3, load, serverPid });
    for (const honourRetryAfter of quick ? [false] : [false, true]) {
      const quiet = await decodePhase('no attack', server.url, route, canvas, { seconds, load, serverPid });
      const how = honourRetryAfter ? 'honouring Retry-After' : 're-sending every refusal at once';
      const attacked = await decodePhase(`16 amplifying PNGs, ${how}`, server.url, route, canvas, {
        seconds,
        load,
        serverPid,
        attack: attackers(honourRetryAfter),
      });
      phases.push(quiet, attacked);
      const ratio = attacked.canvasesPerSecond / quiet.canvasesPerSecond;
      const failures = Object.values(attacked.canvasFailures).reduce((sum, count) => sum + count, 0);
      rows.push(
        {
          defect: '1',
          attack: `16 × 74 KB 4096² Paeth PNGs in flight from 16 addresses, ${how} (${seconds} s)`,
          expected: '/healthz p99 < 100 ms',
          observed: `p99 ${attacked.healthzP99Ms} ms (quiet ${quiet.healthzP99Ms}), max ${attacked.healthzMaxMs}`,
          pass: attacked.healthzP99Ms < 100,
        },
        {
          defect: '1',
          attack: `the same: 16 legitimate connections of 280×280 canvases from 64 other addresses`,
          expected: '≥ 80% of the quiet canvases/s just before, no refusal',
          observed: `${attacked.canvasesPerSecond} of ${quiet.canvasesPerSecond}/s (${Math.round(ratio * 100)}%), ${failures} refused; server CPU ${quiet.serverCpuMsPerSecond} → ${attacked.serverCpuMsPerSecond} ms/s, ${quiet.serverCpuMsPerCanvas} → ${attacked.serverCpuMsPerCanvas} ms per canvas; attack answers ${JSON.stringify(attacked.attackAnswers)}`,
          pass: ratio >= 0.8 && failures === 0,
        },
      );
    }
  }
  if (selected('multipart')) rows.push(...(await checks.malformedMultipartCheck(target)));
  if (selected('disk'))
    rows.push(...(await checks.feedbackDiskCheck(target, quick ? 2048 : 4096, 1024 ** 2)));
  if (selected('abandon')) rows.push(...(await checks.abandonedPostsCheck(target)));
  if (selected('host')) rows.push(...(await checks.hostAndOriginCheck(target)));
  if (selected('text-field')) rows.push(...(await checks.textFieldCheck(target)));
  if (selected('protocol')) rows.push(...(await checks.protocolErrorsCheck(target)));
  if (selected('strict')) rows.push(...(await checks.strictJsonAndHeadersCheck(target)));
  if (selected('auth')) rows.push(...(await checks.authCheck(target)));
  if (selected('listing'))
    rows.push(...(await checks.listingCheck(target, listedLabels, quick ? 5000 : 50_000)));
  if (selected('sighup')) rows.push(...(await checks.sighupCheck(target)));
} finally {
  await server.stop();
}
if (selected('crash')) {
  rows.push(...(await crashCheck(target, { modelsDir, env, acknowledgedBeforeKill: quick ? 20 : 60 })));
}
const serverErrors = [...statusTally].filter(([status]) => status >= 500 && status !== 503 && status !== 507);
rows.push({
  defect: 'all',
  attack: `every answer of this run (${[...statusTally.values()].reduce((a, b) => a + b, 0)})`,
  expected: '0 × 500 (503/507 are refusals)',
  observed: serverErrors.length
    ? serverErrors.map(([status, count]) => `${count}× ${status}`).join(', ')
    : 'none',
  pass: serverErrors.length === 0,
});
const summary = {
  models: models.description,
  quick,
  seconds: round1((performance.now() - started) / 1000),
  rows,
  decodePhases: phases,
  statuses: Object.fromEntries(statusTally),
  passed: rows.every((row) => row.pass),
};
if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
else {
  process.stdout.write(`${summary.models}; ${summary.seconds} s${quick ? ' (--quick)' : ''}\n\n`);
  process.stdout.write(
    '| defect | attack | expected | observed | result |\n| --- | --- | --- | --- | --- |\n',
  );
  for (const row of rows)
    process.stdout.write(
      `| ${row.defect} | ${row.attack} | ${row.expected} | ${row.observed} | ${row.pass ? 'pass' : 'FAIL'} |\n`,
    );
  process.stdout.write(`\n${summary.passed ? 'PASS' : 'FAIL'}\n`);
}
process.exit(summary.passed ? 0 : 1);
