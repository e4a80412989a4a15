import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededValues, startWasm, wasmVersusCpu } from '../testing';

beforeAll(startWasm);

describe('Sum and Mean on wasm', () => {
  const x = (): tf.Tensor => tf.tensor(seededValues(5 * 3 * 4 * 7, 9), [5, 3, 4, 7]);

  it.each([
    { axes: [0], keepDims: false },
    { axes: [0, 1, 2], keepDims: false },
    { axes: [1, 0], keepDims: true },
    // Not leading axes: these take the stock kernel and must still be right.
    { axes: [1], keepDims: false },
    { axes: [0, 2], keepDims: true },
    { axes: [3], keepDims: false },
  ])('match cpu over axes $axes (keepDims $keepDims)', async ({ axes, keepDims }) => {
    expect(await wasmVersusCpu(() => tf.sum(x(), axes, keepDims))).toBeLessThan(1e-6);
    expect(await wasmVersusCpu(() => tf.mean(x(), axes, keepDims))).toBeLessThan(1e-6);
  });

  it('match cpu for a bias gradient and batch moments over many rows', async () => {
    const rows = (): tf.Tensor => tf.tensor(seededValues(1001 * 3, 4), [7, 11, 13, 3]);
    expect(await wasmVersusCpu(() => tf.sum(rows(), [0, 1, 2]))).toBeLessThan(1e-6);
    expect(await wasmVersusCpu(() => tf.moments(rows(), [0, 1, 2]).variance)).toBeLessThan(1e-6);
  });

  it('reduce int32 tensors with the stock kernels', async () => {
    await tf.setBackend('wasm');
    const [total, average] = tf.tidy(() => {
      const counts = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32');
      return [tf.sum(counts, 0), tf.mean(counts, 0)];
    });
    expect(total.dtype).toBe('int32');
    expect(Array.from(await total.data())).toEqual([4, 6]);
    expect(Array.from(await average.data())).toEqual([2, 3]);
    tf.dispose([total, average]);
  });
});
