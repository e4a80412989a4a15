import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededValues, startWasm, wasmDataBuffers, wasmVersusCpu } from '../testing';

beforeAll(startWasm);

describe('Tile on wasm', () => {
  it.each([
    { shape: [1, 1, 1, 5], reps: [3, 4, 2, 1] }, // a batch-norm vector over a feature map
    { shape: [2, 3], reps: [2, 3] },
    { shape: [3, 1, 2], reps: [1, 4, 1] },
    { shape: [4], reps: [3] },
    { shape: [2, 2, 3], reps: [1, 1, 1] },
    { shape: [2, 3], reps: [0, 2] },
  ])('matches cpu: $shape tiled $reps', async ({ shape, reps }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    expect(await wasmVersusCpu(() => tf.tile(tf.tensor(seededValues(size, 2), shape), reps))).toBe(0);
  });

  it('tiles int32 and bool tensors', async () => {
    await tf.setBackend('wasm');
    const [ints, flags] = tf.tidy(() => [
      tf.tile(tf.tensor2d([1, 2], [1, 2], 'int32'), [2, 2]),
      tf.tile(tf.tensor1d([true, false], 'bool'), [2]),
    ]);
    expect(Array.from(await ints.data())).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(ints.dtype).toBe('int32');
    expect(Array.from(await flags.data())).toEqual([1, 0, 1, 0]);
    tf.dispose([ints, flags]);
  });
});

describe('Identity on wasm', () => {
  it('shares data that outlives the original tensor', async () => {
    await tf.setBackend('wasm');
    const buffers = wasmDataBuffers();
    const original = tf.tensor1d([1, 2, 3]);
    const copy = original.clone();
    expect(wasmDataBuffers()).toBe(buffers + 1);
    original.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3]);
    copy.dispose();
    expect(wasmDataBuffers()).toBe(buffers);
  });
});
