import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { startWasm } from '../../testing';
import { simdKernels } from './simd-kernels';
import { assembleWat } from './wat-assembler';

// `WebAssembly` is typed locally: core compiles without DOM or Node typings.
const wasm = (globalThis as unknown as { WebAssembly: typeof WebAssembly }).WebAssembly;

const addVectors = `
(module
  (import "env" "memory" (memory 0))
  ;; out[i] = a[i] + 2·b[i] for n floats, n a multiple of 4; pointers are byte offsets.
  (func $add (export "add") (param $a i32) (param $b i32) (param $out i32) (param $n i32) (local $i i32)
    (local.set $i (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.shl (local.get $n) (i32.const 2))))
      (v128.store offset=0 (i32.add (local.get $out) (local.get $i))
        (f32x4.add (v128.load (i32.add (local.get $a) (local.get $i)))
          (f32x4.mul (v128.const i32x4 0x40000000 0x40000000 0x40000000 0x40000000)
            (v128.load (i32.add (local.get $b) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next)))))`;

describe('assembleWat', () => {
  it('assembles a SIMD function that runs on an imported memory', () => {
    const memory = new wasm.Memory({ initial: 1 });
    const { exports } = new wasm.Instance(new wasm.Module(assembleWat(addVectors)), { env: { memory } });
    const floats = new Float32Array(memory.buffer);
    floats.set([1, 2, 3, 4, 5, 6, 7, 8], 0);
    floats.set([10, 20, 30, 40, 50, 60, 70, 80], 8);
    (exports.add as (...args: number[]) => void)(0, 32, 64, 8);
    expect(Array.from(floats.subarray(16, 24))).toEqual([21, 42, 63, 84, 105, 126, 147, 168]);
  });

  it('assembles the same module for a shared memory (the threaded build), and only that one fits it', () => {
    const memory = new wasm.Memory({ initial: 1, maximum: 16, shared: true });
    const shared = new wasm.Module(assembleWat(addVectors, { sharedMemory: true }));
    const { exports } = new wasm.Instance(shared, { env: { memory } });
    const floats = new Float32Array(memory.buffer);
    floats.set([1, 2, 3, 4], 0);
    floats.set([1, 1, 1, 1], 4);
    (exports.add as (...args: number[]) => void)(0, 16, 32, 4);
    expect(Array.from(floats.subarray(8, 12))).toEqual([3, 4, 5, 6]);
    expect(() => new wasm.Instance(new wasm.Module(assembleWat(addVectors)), { env: { memory } })).toThrow(
      /shared/,
    );
  });

  it('rejects what it does not support', () => {
    expect(() =>
      assembleWat('(module (import "env" "memory" (memory 0)) (func (export "f") (f64.const 1)))'),
    ).toThrow(/unsupported instruction f64.const/);
    expect(() => assembleWat('(module (func (export "f"))')).toThrow(/unbalanced/);
    expect(() => assembleWat('(module (func (export "f")))')).toThrow(/import exactly/);
  });
});

describe('simdKernels', () => {
  it('are available on the wasm backend here, so the fast filter gradient is the one tested', async () => {
    await startWasm();
    expect(simdKernels(tf.backend())).toBeDefined();
  });
});
