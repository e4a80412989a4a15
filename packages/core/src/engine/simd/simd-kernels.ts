import type { DataId, TensorInfo } from '@tensorflow/tfjs';
import { batchNormGradWat } from './batch-norm-grad-wat';
import { channelAffineWat } from './channel-affine-wat';
import { filterGradientWat } from './filter-gradient-wat';
import { matMulWat } from './mat-mul-wat';
import { maxPoolGradWat } from './max-pool-grad-wat';
import { assembleWat } from './wat-assembler';

/** The few WebAssembly APIs used here, typed locally: core compiles without DOM or Node typings. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => object;
}

/** What our kernels need from the wasm backend: its memory and where each tensor lives in it. */
interface WasmBackendInternals {
  /** `asm.memory`: the single-threaded builds export theirs; the threaded build imports `wasmMemory`. */
  wasm?: { asm?: { memory?: unknown }; wasmMemory?: unknown };
  dataIdMap?: { get(dataId: DataId): { memoryOffset: number } | undefined };
}

export interface SimdKernels {
  /** See filter-gradient-wat.ts; every argument is a byte offset or a size. */
  conv2dFilterGradient(...args: number[]): void;
  /** C = A·B, see mat-mul-wat.ts: (a, b, c, M, K, N), N a multiple of 8. */
  matMul(a: number, b: number, c: number, m: number, k: number, n: number): void;
  /** C = A·Bᵀ, see mat-mul-wat.ts: (a, b, c, M, K, N), K a multiple of 4. */
  matMulTransposedRight(a: number, b: number, c: number, m: number, k: number, n: number): void;
  /** See max-pool-grad-wat.ts: (x, dy, dx, B, H, W, C, OH, OW), C a multiple of 4. */
  maxPool2x2Grad(...args: number[]): void;
  /** See batch-norm-grad-wat.ts: (x, dy, dx, mean, g, sumDy, sumDyCentered, rows, C), C % 4 = 0. */
  batchNormGrad(...args: number[]): void;
  /** See channel-affine-wat.ts: (x, g, h, y, rows, C), C a multiple of 4. */
  channelAffine(...args: number[]): void;
  /** Byte offset of a tensor's data in the backend's memory. */
  offsetOf(info: TensorInfo): number;
}

/** Compiled modules per memory kind (plain, shared); null when this runtime cannot run them. */
const compiled = new Map<boolean, object[] | null>();
const instances = new WeakMap<object, SimdKernels | null>();
let enabled = true;

/**
 * Turns Glyph's SIMD kernels off (or back on): kernels then take their XNNPACK-based path. For
 * benchmarks and tests that compare the two paths; training leaves them on.
 */
export function setSimdKernelsEnabled(value: boolean): void {
  enabled = value;
}

/**
 * Glyph's WebAssembly SIMD kernels, instantiated on the wasm backend's own memory so they read and
 * write tensors in place. Undefined when WebAssembly SIMD is unavailable or the backend does not
 * expose its memory; callers then take their XNNPACK-based path.
 */
export function simdKernels(backend: unknown): SimdKernels | undefined {
  const internals = backend as WasmBackendInternals;
  if (!enabled || typeof backend !== 'object' || backend === null) return undefined;
  if (!instances.has(backend)) instances.set(backend, instantiate(internals));
  return instances.get(backend) ?? undefined;
}

function instantiate(backend: WasmBackendInternals): SimdKernels | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  const memory = backend.wasm?.asm?.memory ?? backend.wasm?.wasmMemory;
  const dataIdMap = backend.dataIdMap;
  if (!api || !dataIdMap || !(memory instanceof api.Memory)) return null;
  const SharedBuffer = (globalThis as { SharedArrayBuffer?: abstract new (...args: never[]) => object })
    .SharedArrayBuffer;
  const shared = SharedBuffer !== undefined && (memory as { buffer: unknown }).buffer instanceof SharedBuffer;
  const modules = compiledModules(api, shared);
  if (modules === null) return null;
  const exports = Object.assign(
    {},
    ...modules.map((module) => new api.Instance(module, { env: { memory } }).exports),
  ) as Record<string, unknown>;
  return {
    conv2dFilterGradient: exports.conv2dFilterGradient as (...args: number[]) => void,
    matMul: exports.matMul as SimdKernels['matMul'],
    matMulTransposedRight: exports.matMulTransposedRight as SimdKernels['matMulTransposedRight'],
    maxPool2x2Grad: exports.maxPool2x2Grad as SimdKernels['maxPool2x2Grad'],
    batchNormGrad: exports.batchNormGrad as SimdKernels['batchNormGrad'],
    channelAffine: exports.channelAffine as SimdKernels['channelAffine'],
    offsetOf: (info) => {
      const entry = dataIdMap.get(info.dataId);
      if (!entry) throw new Error('tensor data is not on the wasm backend');
      return entry.memoryOffset;
    },
  };
}

function compiledModules(api: WebAssemblyApi, sharedMemory: boolean): object[] | null {
  if (!compiled.has(sharedMemory)) {
    const binaries = [filterGradientWat, matMulWat, maxPoolGradWat, batchNormGradWat, channelAffineWat].map(
      (source) => assembleWat(source, { sharedMemory }),
    );
    // Each module is a few kB at most: synchronous compilation is allowed on a browser's main thread.
    compiled.set(
      sharedMemory,
      binaries.every((bytes) => api.validate(bytes)) ? binaries.map((bytes) => new api.Module(bytes)) : null,
    );
  }
  return compiled.get(sharedMemory) ?? null;
}
