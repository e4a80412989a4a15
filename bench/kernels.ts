// Per-kernel comparison on the wasm backend: the stock kernel (or, where the stock backend has
// none, our XNNPACK composition) against Glyph's, on the seed CNN's shapes. Times are process CPU
// time (best of N), which other work on the machine disturbs less than wall time.
// Run: npx tsx bench/kernels.ts [--json]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import {
  registerTrainingKernels,
  setSimdKernelsEnabled,
  unregisterTrainingKernels,
} from '@glyph/core/engine';
import { initNodeEngine } from '@glyph/node/engine';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });

interface Case {
  readonly name: string;
  readonly run: () => tf.Tensor;
  /** How the "before" figure is produced. */
  readonly before: 'stock' | 'no-simd';
}

function cpuMs(run: () => tf.Tensor, repeats: number): number {
  tf.dispose(run());
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = process.cpuUsage();
    tf.dispose(run());
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return Math.round(best * 10) / 10;
}

await initNodeEngine();
const kernel = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) => () =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
const x2 = tf.randomNormal([128, 26, 26, 32]);
const w2 = tf.randomNormal([3, 3, 32, 64]);
const dy2 = tf.randomNormal([128, 24, 24, 64]);
const x1 = tf.randomNormal([128, 28, 28, 1]);
const dy1 = tf.randomNormal([128, 26, 26, 32]);
const pooledInput = tf.relu(tf.randomNormal([128, 24, 24, 64]));
const pooled = tf.maxPool(pooledInput as tf.Tensor4D, 2, 2, 'valid');
const dPooled = tf.randomNormal(pooled.shape);
const flat = tf.randomNormal([128, 9216]);
const dense = tf.randomNormal([9216, 128]);
const dDense = tf.randomNormal([128, 128]);
const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
const cases: Case[] = [
  {
    name: 'Conv2DBackpropFilter 26×26 32→64',
    before: 'no-simd',
    run: kernel('Conv2DBackpropFilter', { x: x2, dy: dy2 }, { ...conv, filterShape: [3, 3, 32, 64] }),
  },
  {
    name: 'Conv2DBackpropFilter 28×28 1→32',
    before: 'no-simd',
    run: kernel('Conv2DBackpropFilter', { x: x1, dy: dy1 }, { ...conv, filterShape: [3, 3, 1, 32] }),
  },
  {
    name: 'Conv2DBackpropInput 24×24 64→32',
    before: 'stock',
    run: kernel('Conv2DBackpropInput', { dy: dy2, filter: w2 }, { ...conv, inputShape: [128, 26, 26, 32] }),
  },
  {
    name: 'MaxPoolGrad 2×2 on 24×24×64',
    before: 'stock',
    run: kernel(
      'MaxPoolGrad',
      { dy: dPooled, input: pooledInput, output: pooled },
      { filterSize: 2, strides: 2, pad: 'valid' },
    ),
  },
  {
    name: 'BatchMatMul aᵀ·b (Dense weight grad)',
    before: 'stock',
    run: () => tf.matMul(flat, dDense, true, false),
  },
  {
    name: 'BatchMatMul a·bᵀ (Dense input grad)',
    before: 'stock',
    run: () => tf.matMul(dDense, dense, false, true),
  },
  { name: 'Sum over batch, rows, columns', before: 'stock', run: () => tf.sum(dy2, [0, 1, 2]) },
  {
    name: 'Tile a channel vector over a map',
    before: 'stock',
    run: () => tf.tile(tf.ones([1, 1, 1, 64]), [128, 24, 24, 1]),
  },
  { name: 'Identity (the tape saves clones)', before: 'stock', run: () => dy2.clone() },
];

const rows = cases.map((c) => {
  if (c.before === 'stock') {
    unregisterTrainingKernels();
    registerTrainingKernels({ only: ['Conv2DBackpropFilter'] });
  } else {
    setSimdKernelsEnabled(false);
  }
  const beforeMs = cpuMs(c.run, c.name.startsWith('BatchMatMul') ? 2 : 4);
  unregisterTrainingKernels();
  registerTrainingKernels();
  setSimdKernelsEnabled(true);
  const afterMs = cpuMs(c.run, 6);
  return {
    kernel: c.name,
    before: c.before === 'stock' ? 'stock wasm' : 'XNNPACK composition',
    beforeMs,
    afterMs,
    speedup: Math.round((beforeMs / afterMs) * 10) / 10,
  };
});
if (values.json) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  process.stdout.write(`${'kernel'.padEnd(40)} ${'before'.padEnd(20)} before ms  after ms  speedup\n`);
  for (const row of rows) {
    process.stdout.write(
      `${row.kernel.padEnd(40)} ${row.before.padEnd(20)} ${String(row.beforeMs).padStart(9)} ${String(row.afterMs).padStart(9)} ${row.speedup === null ? '  (<0.1 ms)' : `${String(row.speedup).padStart(7)}×`}\n`,
    );
  }
}
