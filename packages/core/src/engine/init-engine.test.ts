import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initEngine } from './init-engine';
import { registerTrainingKernels, unregisterTrainingKernels } from './register-training-kernels';

describe('initEngine', () => {
  it('starts wasm by default and registers the training kernels', async () => {
    const engine = await initEngine();
    expect(engine.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('switches to another registered backend', async () => {
    expect(await initEngine({ backend: 'cpu' })).toEqual({ backend: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects an unknown backend with BACKEND_UNAVAILABLE and lists the registered ones', async () => {
    await expect(initEngine({ backend: 'gpu-please' })).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      message: expect.stringMatching(/'gpu-please'.*cpu, wasm/),
    });
  });
});

describe('registerTrainingKernels', () => {
  it('is idempotent and can be undone', () => {
    const names = registerTrainingKernels();
    const ours = tf.getKernel('BatchMatMul', 'wasm').kernelFunc;
    const ourBatchNormGradient = tf.getGradient('FusedBatchNorm').gradFunc;
    expect(registerTrainingKernels()).toEqual(names);
    expect(tf.getKernel('BatchMatMul', 'wasm').kernelFunc).toBe(ours);
    expect(names).toEqual(
      expect.arrayContaining(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'BatchMatMul']),
    );

    unregisterTrainingKernels();
    // The stock backend has no filter gradient and its own matrix product.
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(tf.getKernel('BatchMatMul', 'wasm').kernelFunc).not.toBe(ours);
    expect(tf.getGradient('FusedBatchNorm').gradFunc).not.toBe(ourBatchNormGradient);

    registerTrainingKernels();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getGradient('FusedBatchNorm').gradFunc).not.toBe(ourBatchNormGradient); // a new wrapper
    expect(registerTrainingKernels()).toEqual(names);
  });
});
