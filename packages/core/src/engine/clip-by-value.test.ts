import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededValues, startWasm, wasmVersusCpu } from '../testing';

beforeAll(startWasm);

describe('ClipByValue on wasm', () => {
  it.each([
    { shape: [2, 7, 7, 16], min: 0, max: 6 }, // ReLU6 over a feature map
    { shape: [5], min: -0.5, max: 0.25 },
    { shape: [3, 4], min: -1, max: -1 },
  ])('matches cpu: $shape clipped to [$min, $max]', async ({ shape, min, max }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const scaled = seededValues(size, 3).map((v) => v * 10);
    expect(await wasmVersusCpu(() => tf.clipByValue(tf.tensor(scaled, shape), min, max))).toBe(0);
  });

  it('keeps NaN, and clips int32 as int32', async () => {
    await tf.setBackend('wasm');
    const [floats, ints] = tf.tidy(() => [
      tf.clipByValue(tf.tensor1d([NaN, -3, 9, 2]), 0, 6),
      tf.clipByValue(tf.tensor1d([-3, 9, 2], 'int32'), 0, 6),
    ]);
    expect(Array.from(await floats.data())).toEqual([NaN, 0, 6, 2]);
    expect(Array.from(await ints.data())).toEqual([0, 6, 2]);
    expect(ints.dtype).toBe('int32');
    tf.dispose([floats, ints]);
  });
});
