import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runOn, scaledError, seededValues, startWasm, wasmDataBuffers } from '../testing';

beforeAll(startWasm);

type Shape4 = [number, number, number, number];

/**
 * Gradients of a training-mode batch norm (moments of the batch, then batchNorm) w.r.t. x, scale
 * and offset. (tfjs cannot differentiate batchNorm without a scale: it saves the missing input.)
 */
function gradients(shape: Shape4, withScale: boolean): tf.Tensor {
  const channels = shape[3];
  const x = tf.tensor4d(
    seededValues(
      shape.reduce((a, b) => a * b, 1),
      3,
    ),
    shape,
  );
  const weights = tf.tensor4d(
    seededValues(
      shape.reduce((a, b) => a * b, 1),
      4,
    ),
    shape,
  );
  const scale = tf.tensor1d(seededValues(channels, 5).map((v) => 1 + v / 2));
  const offset = tf.tensor1d(seededValues(channels, 6));
  const loss = (xs: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Scalar => {
    const { mean, variance } = tf.moments(xs, [0, 1, 2]);
    const normed = tf.batchNorm(xs, mean, variance, beta, withScale ? gamma : undefined, 1e-3);
    return tf.sum(tf.mul(normed, weights));
  };
  const [dx, dScale, dOffset] = tf.grads(loss)([x, scale, offset]);
  return tf.concat([dx.flatten(), dScale, dOffset]);
}

describe('batch-norm gradient on wasm', () => {
  it.each([
    { name: 'SIMD path (channels in fours)', shape: [3, 5, 4, 8] as Shape4, withScale: true },
    { name: 'TypeScript path (3 channels)', shape: [2, 6, 5, 3] as Shape4, withScale: true },
    { name: 'batch 1, 4 channels', shape: [1, 3, 3, 4] as Shape4, withScale: true },
  ])('matches cpu: $name', async ({ shape, withScale }) => {
    const expected = await runOn('cpu', () => gradients(shape, withScale));
    const actual = await runOn('wasm', () => gradients(shape, withScale));
    expect(scaledError(actual, expected)).toBeLessThan(1e-4);
  });

  it('frees every intermediate buffer', async () => {
    await tf.setBackend('wasm');
    const before = wasmDataBuffers();
    tf.dispose(tf.tidy(() => gradients([2, 4, 4, 8], true)));
    expect(wasmDataBuffers()).toBe(before);
  });
});

describe('batch norm (forward) on wasm', () => {
  it.each([
    { name: 'SIMD path, training statistics', shape: [3, 5, 4, 8] as Shape4 },
    { name: 'stock path (3 channels)', shape: [2, 6, 5, 3] as Shape4 },
  ])('matches cpu: $name', async ({ shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const channels = shape[3];
    const forward = (): tf.Tensor => {
      const x = tf.tensor4d(seededValues(size, 7), shape);
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      const scale = tf.tensor1d(seededValues(channels, 8));
      const offset = tf.tensor1d(seededValues(channels, 9));
      return tf.batchNorm(x, mean, variance, offset, scale, 1e-3);
    };
    expect(scaledError(await runOn('wasm', forward), await runOn('cpu', forward))).toBeLessThan(1e-5);
  });

  it('matches cpu without offset and scale (inference with moving statistics)', async () => {
    const forward = (): tf.Tensor =>
      tf.batchNorm(
        tf.tensor4d(seededValues(2 * 3 * 3 * 4, 1), [2, 3, 3, 4]),
        tf.tensor1d([0.1, -0.2, 0.3, 0]),
        tf.tensor1d([1, 2, 0.5, 0.25]),
      );
    expect(scaledError(await runOn('wasm', forward), await runOn('cpu', forward))).toBeLessThan(1e-5);
  });
});
