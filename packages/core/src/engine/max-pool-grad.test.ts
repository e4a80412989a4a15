import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runOn, scaledError, seededValues, startWasm, wasmDataBuffers } from '../testing';

type Shape4 = [number, number, number, number];

interface PoolCase {
  readonly name: string;
  readonly x: Shape4;
  readonly filterSize: number | [number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid';
  /** Values rounded to this many levels, so windows hold ties. */
  readonly levels?: number;
}

const cases: PoolCase[] = [
  {
    name: '2×2 stride 2, odd input drops the last row',
    x: [2, 7, 9, 3],
    filterSize: 2,
    strides: 2,
    pad: 'valid',
  },
  {
    name: '3×3 stride 2 same (overlapping, padded)',
    x: [1, 8, 7, 1],
    filterSize: 3,
    strides: 2,
    pad: 'same',
  },
  { name: '3×3 stride 1 same', x: [3, 5, 6, 2], filterSize: 3, strides: 1, pad: 'same' },
  { name: '2×3 window, strides 1×2', x: [2, 6, 9, 5], filterSize: [2, 3], strides: [1, 2], pad: 'valid' },
  {
    name: 'ties: the first maximum gets the gradient',
    x: [2, 6, 6, 4],
    filterSize: 2,
    strides: 2,
    pad: 'valid',
    levels: 2,
  },
  { name: 'ties in overlapping windows', x: [1, 7, 7, 3], filterSize: 3, strides: 2, pad: 'same', levels: 3 },
  // 2×2 stride 2 with channels in fours: the SIMD kernel.
  { name: 'SIMD: 2×2 stride 2, 8 channels', x: [2, 6, 8, 8], filterSize: 2, strides: 2, pad: 'valid' },
  {
    name: 'SIMD: odd input (uncovered last row and column)',
    x: [1, 7, 9, 4],
    filterSize: 2,
    strides: 2,
    pad: 'valid',
  },
  {
    name: 'SIMD: ties, first maximum wins',
    x: [3, 4, 4, 12],
    filterSize: 2,
    strides: 2,
    pad: 'valid',
    levels: 1,
  },
  {
    name: 'SIMD: same padding on an even input',
    x: [1, 6, 6, 4],
    filterSize: 2,
    strides: 2,
    pad: 'same',
    levels: 2,
  },
];

function input(c: PoolCase): tf.Tensor4D {
  const values = seededValues(
    c.x.reduce((a, b) => a * b, 1),
    5,
  );
  const levels = c.levels;
  return tf.tensor4d(levels ? values.map((v) => Math.round(v * levels)) : values, c.x);
}

/** The gradient of sum(maxPool(x) · dy) with respect to x, through the registered MaxPoolGrad. */
function poolGradient(c: PoolCase): tf.Tensor {
  const x = input(c);
  const outShape = tf.maxPool(x, c.filterSize, c.strides, c.pad).shape;
  const dy = tf.tensor4d(
    seededValues(
      outShape.reduce((a, b) => a * b, 1),
      6,
    ),
    outShape,
  );
  return tf.grad((v: tf.Tensor) =>
    tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, c.filterSize, c.strides, c.pad), dy)),
  )(x);
}

beforeAll(startWasm);

describe('MaxPoolGrad on wasm', () => {
  it.each(cases)('matches cpu exactly: $name', async (c) => {
    const expected = await runOn('cpu', () => poolGradient(c));
    const actual = await runOn('wasm', () => poolGradient(c));
    // Each input receives a sum of a few dy values in the same order: equal up to float rounding.
    expect(scaledError(actual, expected)).toBeLessThan(1e-6);
  });

  it('frees every intermediate buffer', async () => {
    await tf.setBackend('wasm');
    const before = wasmDataBuffers();
    tf.dispose(tf.tidy(() => cases.map(poolGradient)));
    expect(wasmDataBuffers()).toBe(before);
  });
});
