// For the kernel tests: run the same computation on two backends and measure how far apart the
// results are.
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../data/seeded-random';
import { initEngine } from '../engine/init-engine';

/** Starts `wasm` with our kernels (the reference backend `cpu` needs no setup). */
export async function startWasm(): Promise<void> {
  await initEngine({ backend: 'wasm' });
}

/** `count` reproducible values in [-1, 1). */
export function seededValues(count: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: count }, () => random() * 2 - 1);
}

export interface Result {
  readonly shape: number[];
  readonly values: Float32Array;
}

/** Runs `compute` on `backend` and reads its result; the backend stays selected afterwards. */
export async function runOn(backend: 'cpu' | 'wasm', compute: () => tf.Tensor): Promise<Result> {
  await tf.setBackend(backend);
  const result = tf.tidy(compute);
  try {
    return { shape: result.shape, values: (await result.data()) as Float32Array };
  } finally {
    result.dispose();
  }
}

/** Largest |actual − expected| / (1 + |expected|): about 1e-6 for float32 rounding, O(1) for a bug. */
export function scaledError(actual: Result, expected: Result): number {
  if (actual.shape.join() !== expected.shape.join()) {
    throw new Error(`shape ${actual.shape} differs from the expected ${expected.shape}`);
  }
  let worst = 0;
  expected.values.forEach((value, index) => {
    worst = Math.max(worst, Math.abs(actual.values[index] - value) / (1 + Math.abs(value)));
  });
  return worst;
}

/** Runs `compute` on cpu and on wasm and returns the scaled error of wasm against cpu. */
export async function wasmVersusCpu(compute: () => tf.Tensor): Promise<number> {
  const expected = await runOn('cpu', compute);
  const actual = await runOn('wasm', compute);
  return scaledError(actual, expected);
}

/** Data buffers held by the wasm backend: catches intermediates a kernel forgot to free. */
export function wasmDataBuffers(): number {
  return (tf.engine().findBackend('wasm') as unknown as { numDataIds(): number }).numDataIds();
}

export function runKernel(
  kernelName: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, unknown>,
): tf.Tensor {
  return tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
}
