import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededValues, startWasm, wasmDataBuffers, wasmVersusCpu } from '../testing';

function tensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(
    seededValues(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
    shape,
  );
}

interface ProductCase {
  readonly name: string;
  readonly a: number[];
  readonly b: number[];
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

const cases: ProductCase[] = [
  { name: 'plain', a: [3, 4], b: [4, 5], transposeA: false, transposeB: false },
  { name: 'transposed left, 8·k columns (SIMD)', a: [7, 5], b: [7, 16], transposeA: true, transposeB: false },
  { name: 'transposed left, batch 1 (SIMD)', a: [1, 9, 6], b: [9, 8], transposeA: true, transposeB: false },
  {
    name: 'transposed left (a Dense weight gradient)',
    a: [7, 3],
    b: [7, 5],
    transposeA: true,
    transposeB: false,
  },
  {
    name: 'transposed right (a Dense input gradient)',
    a: [6, 5],
    b: [9, 5],
    transposeA: false,
    transposeB: true,
  },
  { name: 'both transposed', a: [4, 3], b: [5, 4], transposeA: true, transposeB: true },
  { name: 'batched left, shared right', a: [2, 3, 4], b: [4, 5], transposeA: false, transposeB: false },
  {
    name: 'batched left, shared right transposed',
    a: [3, 2, 4],
    b: [1, 5, 4],
    transposeA: false,
    transposeB: true,
  },
  { name: 'batched both, transposed', a: [2, 4, 3], b: [2, 5, 4], transposeA: true, transposeB: true },
  { name: 'broadcast left batch', a: [1, 3, 4], b: [2, 4, 5], transposeA: false, transposeB: false },
  { name: 'vector-like, batch 1', a: [1, 1, 6], b: [1, 6, 1], transposeA: false, transposeB: false },
];

beforeAll(startWasm);

describe('BatchMatMul on wasm', () => {
  it.each(cases)('matches cpu: $name', async (c) => {
    const product = (): tf.Tensor => tf.matMul(tensor(c.a, 1), tensor(c.b, 2), c.transposeA, c.transposeB);
    expect(await wasmVersusCpu(product)).toBeLessThan(1e-5);
  });
});

describe('_FusedMatMul on wasm', () => {
  it.each(cases.filter((c) => c.a.length === 2))('matches cpu with bias and relu: $name', async (c) => {
    const product = (): tf.Tensor =>
      tf.fused.matMul({
        a: tensor(c.a, 1),
        b: tensor(c.b, 2),
        transposeA: c.transposeA,
        transposeB: c.transposeB,
        bias: tensor([c.transposeB ? c.b[0] : c.b[1]], 3),
        activation: 'relu',
      });
    expect(await wasmVersusCpu(product)).toBeLessThan(1e-5);
  });

  it('matches cpu for a batched left operand with bias', async () => {
    const product = (): tf.Tensor =>
      tf.fused.matMul({
        a: tensor([3, 2, 4], 1),
        b: tensor([4, 5], 2),
        bias: tensor([5], 3),
        activation: 'linear',
      });
    expect(await wasmVersusCpu(product)).toBeLessThan(1e-5);
  });

  it('frees every intermediate buffer', async () => {
    await tf.setBackend('wasm');
    const before = wasmDataBuffers();
    for (const c of cases) {
      tf.dispose(tf.tidy(() => tf.matMul(tensor(c.a, 1), tensor(c.b, 2), c.transposeA, c.transposeB)));
    }
    expect(wasmDataBuffers()).toBe(before);
  });
});
