// Hostile input against a real server process: mutated and truncated PNG, JPEG, WebP and GIF bodies
// plus random bytes, through the predict, compatibility and feedback routes. Passes when every answer
// is a 200/201 or a 4xx with an error code, the server stays up, and its memory stays bounded
// (repeated identical passes must level off, not grow without end).
//   npx tsx bench/serve-fuzz.ts [--count 2000] [--passes 2] [--concurrency 16] [--models <dir>] [--seed 1] [--json]
import { parseArgs } from 'node:util';
import { fuzzBodies, type FuzzBody } from '@glyph/testkit/fuzz-bodies';
import { benchModels, startServer } from './serve-harness';

interface PassResult {
  readonly statuses: Record<string, number>;
  /** Answers other than 200/201/4xx-with-code, and transport errors. */
  readonly failures: string[];
  readonly peakRssMb: number;
  readonly endRssMb: number;
  /** JavaScript heap in use on the main thread at the end of the pass (from /metrics). */
  readonly endHeapMb: number;
}

function requestFor(
  url: string,
  modelId: string,
  label: string,
  { bytes }: FuzzBody,
  index: number,
): [string, RequestInit] {
  const dataUrl = `data:image/png;base64,${bytes.toString('base64')}`;
  switch (index % 4) {
    case 0:
    case 1:
      return [`${url}/api/models/${modelId}/predict`, { method: 'POST', body: new Uint8Array(bytes) }];
    case 2:
      return [`${url}/predict/`, { method: 'POST', body: dataUrl }];
    default:
      return [
        `${url}/api/feedback`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: modelId, label, image: dataUrl }),
        },
      ];
  }
}

async function pass(
  url: string,
  modelId: string,
  label: string,
  bodies: FuzzBody[],
  concurrency: number,
  rssMb: () => Promise<number>,
) {
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  let peakRssMb = 0;
  let next = 0;
  const workerLoop = async () => {
    for (let index = next++; index < bodies.length; index = next++) {
      const [target, init] = requestFor(url, modelId, label, bodies[index], index);
      try {
        const response = await fetch(target, init);
        const text = await response.text();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const ok = response.status === 200 || response.status === 201;
        const clientError = response.status >= 400 && response.status < 500 && /"code":"[A-Z_]+"/.test(text);
        if (!ok && !clientError)
          failures.push(`${bodies[index].kind} → ${response.status} ${text.slice(0, 160)}`);
      } catch (error) {
        failures.push(`${bodies[index].kind} → ${(error as Error).message}`);
      }
      if (index % 100 === 0) peakRssMb = Math.max(peakRssMb, await rssMb());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, workerLoop));
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const heapBytes = Number(/^glyph_nodejs_heap_size_used_bytes (\S+)/m.exec(metrics)?.[1] ?? 0);
  const endHeapMb = Math.round(heapBytes / 2 ** 20);
  return { statuses, failures, peakRssMb, endRssMb: await rssMb(), endHeapMb } satisfies PassResult;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '16' },
      models: { type: 'string' },
      seed: { type: 'string', default: '1' },
      passes: { type: 'string', default: '2' },
      json: { type: 'boolean', default: false },
    },
  });
  const bodies = await fuzzBodies(Number(values.count), Number(values.seed));
  const models = await benchModels(values.models);
  // One local client: feedback posts reach the decoder without an API key (the key check is tested apart).
  const server = await startServer(models.dir, ['--no-auth']);
  const startRssMb = await server.rssMb();
  const concurrency = Number(values.concurrency);
  // Feedback goes to one of the model's own labels, so the bodies reach the decoder.
  const served = (await (await fetch(`${server.url}/api/models`)).json()) as {
    id: string;
    labels: string[];
  }[];
  const label = served.find((model) => model.id === models.modelId)?.labels[0] ?? '0';
  const passes: PassResult[] = [];
  for (let round = 0; round < Math.max(1, Number(values.passes)); round += 1) {
    passes.push(await pass(server.url, models.modelId, label, bodies, concurrency, () => server.rssMb()));
  }
  const healthy = (await fetch(`${server.url}/healthz`)).ok;
  const exitCode = await server.stop();
  const summary = {
    models: models.description,
    bodies: bodies.length,
    kinds: [...new Set(bodies.map((body) => body.kind.split('/')[0]))],
    startRssMb,
    passes,
    healthyAfter: healthy,
    gracefulExitCode: exitCode,
  };
  const passed = healthy && exitCode === 0 && passes.every((result) => result.failures.length === 0);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, passed }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${bodies.length} hostile bodies × ${passes.length} passes, ${concurrency} at a time (${summary.models})\n`,
    );
    for (const [index, result] of passes.entries()) {
      process.stdout.write(
        `pass ${index + 1}: statuses ${JSON.stringify(result.statuses)}; failures ${result.failures.length}; RSS peak ${result.peakRssMb} MB, end ${result.endRssMb} MB; main heap ${result.endHeapMb} MB\n`,
      );
      for (const failure of result.failures.slice(0, 10)) process.stdout.write(`  ${failure}\n`);
    }
    process.stdout.write(
      `RSS at start ${startRssMb} MB; healthy after: ${healthy}; exit code on SIGTERM: ${exitCode}\n`,
    );
    process.stdout.write(passed ? 'PASS\n' : 'FAIL\n');
  }
  return passed ? 0 : 1;
}

process.exit(await main());
