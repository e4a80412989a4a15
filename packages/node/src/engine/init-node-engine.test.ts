import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initNodeEngine } from './init-node-engine';
import { wasmBinaryDirectory } from './wasm-directory';

describe('initNodeEngine', () => {
  it('finds the wasm binaries of the installed package', () => {
    const directory = wasmBinaryDirectory();
    expect(directory.endsWith('/')).toBe(true);
    expect(existsSync(join(directory, 'tfjs-backend-wasm-simd.wasm'))).toBe(true);
  });

  it('starts wasm with SIMD and the training kernels', async () => {
    const engine = await initNodeEngine();
    expect(engine).toEqual({ backend: 'wasm', wasmSimd: true, threads: 1, simdKernels: true });
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('starts cpu when asked', async () => {
    expect((await initNodeEngine({ backend: 'cpu' })).backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('reports an unknown backend with the registered ones', async () => {
    await expect(initNodeEngine({ backend: 'tensorflow' })).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      message: expect.stringContaining('cpu, wasm'),
    });
  });
});
