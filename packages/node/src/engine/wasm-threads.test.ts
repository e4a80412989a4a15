import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { compileNetwork } from '@glyph/core/inference';
import { buildModel } from '@glyph/core/zoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeEngine } from './init-node-engine';

// One process starts the wasm backend once: this whole file runs on the threaded build.
const cores = os.availableParallelism();
const createObjectURL = URL.createObjectURL;
let engine: Awaited<ReturnType<typeof initNodeEngine>>;

beforeAll(async () => {
  engine = await initNodeEngine({ threads: 2 });
}, 60_000);

/** A glyphnet training step's loss and gradients, and a compiled forward pass, on `backend`. */
async function stepOn(backend: 'cpu' | 'wasm'): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = buildModel('glyphnet', { inputShape: [28, 28, 1], numClasses: 10, seed: 4 });
  const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 5);
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([1, 7, 3], 'int32'), 10));
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
  );
  const compiled = compileNetwork(model)!;
  const output = compiled.predict(x);
  const results = await Promise.all(
    [value, output, ...Object.values(grads)].map(async (t) => (await t.data()) as Float32Array),
  );
  tf.dispose([x, labels, value, output, grads]);
  compiled.dispose();
  model.dispose();
  return results;
}

describe('initNodeEngine({ threads })', () => {
  it('starts the threaded build with the requested pool, capped at the core count', () => {
    expect(engine).toEqual({
      backend: 'wasm',
      wasmSimd: true,
      threads: Math.min(2, cores),
      simdKernels: true,
    });
  });

  it('undoes its start-up patches', () => {
    expect(os.cpus()).toHaveLength(cores);
    expect(URL.createObjectURL).toBe(createObjectURL);
  });

  it('trains and predicts like the cpu backend, with the SIMD kernels on shared memory', async () => {
    const expected = await stepOn('cpu');
    const before = tf.memory().numTensors;
    const actual = await stepOn('wasm');
    expect(tf.memory().numTensors).toBe(before);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((values, index) => {
      const worst = Math.max(
        ...values.map((v, i) => Math.abs(v - expected[index][i]) / (1 + Math.abs(expected[index][i]))),
      );
      expect(worst).toBeLessThan(1e-3);
    });
  }, 60_000);

  it('lets a script that used the pool end on its own', () => {
    const script = fileURLToPath(new URL('./wasm-threads.fixture.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`threads ${Math.min(2, cores)}`);
  }, 70_000);
});
