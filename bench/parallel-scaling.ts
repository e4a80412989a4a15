// Does data-parallel training beat one thread here? Times the seed CNN and glyphnet with one thread
// and with N replicas (default: the core count), alternating runs, and also reports the CPU time of
// the two busiest threads per step (Linux /proc): on a machine shared with other jobs, the wall
// time of N replicas depends on free cores, but max(thread CPU) shows what N free cores would give.
// Run: npx tsx bench/parallel-scaling.ts [--workers 2] [--steps 8] [--rounds 2]
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '@glyph/core/data';
import { LocalTrainer, type BatchTrainer } from '@glyph/core/train';
import { buildModel } from '@glyph/core/zoo';
import { initNodeEngine } from '@glyph/node/engine';
import { ParallelTrainer } from '@glyph/node/parallel-training';
import { buildSeedCnn } from '../packages/node/src/benchmark/seed-cnn';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: String(availableParallelism()) },
    steps: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
  },
});
const replicas = Number(values.workers);
const steps = Number(values.steps);
const batch = 128;
const optimizer = { kind: 'adam', learningRate: 1e-3 } as const;

/** CPU ms of every thread of this process, by thread id (utime + stime, in clock ticks of 10 ms). */
function threadCpuMs(): Map<string, number> {
  const result = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      result.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the thread ended
    }
  }
  return result;
}

async function measure(label: string, model: tf.LayersModel, trainer: BatchTrainer): Promise<void> {
  const random = mulberry32(3);
  const x = Float32Array.from({ length: batch * 784 }, random);
  const labels = Int32Array.from({ length: batch }, (_, i) => i % 10);
  for (let i = 0; i < 2; i++) await trainer.trainBatch(x, labels, batch);
  const before = threadCpuMs();
  const stepMs: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    await trainer.trainBatch(x, labels, batch);
    stepMs.push(performance.now() - start);
  }
  const after = threadCpuMs();
  const perThread = [...after]
    .map(([tid, ms]) => (ms - (before.get(tid) ?? 0)) / steps)
    .sort((a, b) => b - a);
  stepMs.sort((a, b) => a - b);
  const median = stepMs[Math.floor(steps / 2)];
  process.stdout.write(
    `${label.padEnd(28)} ${(batch / (median / 1000)).toFixed(0).padStart(5)} samples/s (median step ${median.toFixed(0)} ms)` +
      `   busiest threads: ${perThread
        .slice(0, 3)
        .map((ms) => ms.toFixed(0))
        .join(', ')} CPU ms/step` +
      `   → ${(batch / (perThread[0] / 1000)).toFixed(0)} samples/s with free cores\n`,
  );
  void model;
}

await initNodeEngine();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const name of ['seed-cnn', 'glyphnet'] as const) {
    const build = (): tf.LayersModel =>
      name === 'seed-cnn'
        ? buildSeedCnn()
        : buildModel('glyphnet', { inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
    const single = build();
    const local = new LocalTrainer(single, { optimizer, seed: 1 });
    await measure(`${name}, 1 thread`, single, local);
    await local.dispose();
    single.dispose();
    const shared = build();
    const parallel = await ParallelTrainer.create(shared, { optimizer, seed: 1, workers: replicas });
    await measure(`${name}, ${replicas} replicas`, shared, parallel);
    await parallel.dispose();
    shared.dispose();
  }
}
