// `npm run bench`: training and inference figures of the engine, with the PyTorch peer measured in
// the same run. Flags: --json (one JSON object), --quick (rough, ~1 min), --baseline (also time the
// stock wasm kernels), --workers 2,3 (data-parallel runs; default: the core count), --no-peer.
import { parseArgs } from 'node:util';
import { formatBenchmark, runBenchmark } from '@glyph/node/benchmark';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    'no-peer': { type: 'boolean', default: false },
    python: { type: 'string', default: '/usr/bin/python3' },
    workers: { type: 'string' },
  },
});

const report = await runBenchmark({
  quick: values.quick,
  baseline: values.baseline,
  python: values['no-peer'] ? null : values.python,
  ...(values.workers !== undefined && { workerCounts: values.workers.split(',').map(Number) }),
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchmark(report));
