import {
  FusedBatchNorm,
  getGradient,
  getKernel,
  registerGradient,
  registerKernel,
  unregisterGradient,
  unregisterKernel,
  type GradConfig,
  type KernelConfig,
  type KernelFunc,
} from '@tensorflow/tfjs';
// Registers the wasm backend and its stock kernels, which ours wrap or complete.
import '@tensorflow/tfjs-backend-wasm';
import { createMatMulConfigs, matMulKernelNames } from './batch-mat-mul';
import { batchNormKernelName, createBatchNormConfig } from './batch-norm';
import { batchNormGradKernelConfig, createBatchNormGradConfig } from './batch-norm-grad';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input';
import { clipByValueKernelName, createClipByValueConfig } from './clip-by-value';
import { createIdentityConfig, identityKernelName } from './identity';
import { createLeadingAxesReduceConfig, reduceKernelNames } from './leading-axes-reduce';
import { maxPoolGradConfig } from './max-pool-grad';
import { createTileConfig, tileKernelName } from './tile';

/** Stock configs we replaced, by kernel name, so they can be restored. */
const replaced = new Map<string, KernelConfig | undefined>();
const ours = new WeakSet<KernelFunc>();
/** The stock batch-norm gradient while ours is registered. */
let stockBatchNormGrad: GradConfig | undefined;

/**
 * Registers Glyph's training kernels for the `wasm` backend (idempotent): the missing
 * `Conv2DBackpropFilter`, and fast `Conv2DBackpropInput`, `MaxPoolGrad`, `Sum`/`Mean` (over leading
 * axes), `Tile`, `Identity`, `ClipByValue` (ReLU6), `BatchMatMul` and `_FusedMatMul` in place of stock kernels that run
 * slow loops or copy needlessly, `FusedBatchNorm` as one SIMD pass, and a one-pass batch-norm gradient (`GlyphBatchNormGrad`, used by
 * the `FusedBatchNorm` gradient on wasm). Returns the kernel names now served by our code.
 * Safe to call before or after the wasm backend initializes. `only` restricts the set (the
 * benchmark's baseline registers just the missing filter gradient).
 */
export function registerTrainingKernels(options: { only?: readonly string[] } = {}): string[] {
  const stockMatMul = {
    batchMatMul: stockKernel(matMulKernelNames[0]),
    fusedMatMul: stockKernel(matMulKernelNames[1]),
  };
  const configs = [
    conv2dBackpropFilterConfig,
    conv2dBackpropInputConfig,
    maxPoolGradConfig,
    createLeadingAxesReduceConfig(stockKernel(reduceKernelNames.sum)),
    createLeadingAxesReduceConfig(stockKernel(reduceKernelNames.mean)),
    createTileConfig(stockKernel(tileKernelName)),
    createIdentityConfig(stockKernel(identityKernelName)),
    createClipByValueConfig(stockKernel(clipByValueKernelName)),
    batchNormGradKernelConfig,
    createBatchNormConfig(stockKernel(batchNormKernelName)),
    ...createMatMulConfigs(stockMatMul),
  ];
  const chosen = configs.filter((config) => options.only?.includes(config.kernelName) ?? true);
  for (const config of chosen) install(config);
  if (chosen.includes(batchNormGradKernelConfig)) installBatchNormGradient();
  return chosen.map((config) => config.kernelName);
}

/** Puts the stock wasm kernels back (used by tests and the benchmark's baseline). */
export function unregisterTrainingKernels(): void {
  for (const [kernelName, stock] of replaced) {
    unregisterKernel(kernelName, 'wasm');
    if (stock !== undefined) registerKernel(stock);
  }
  replaced.clear();
  if (stockBatchNormGrad) {
    unregisterGradient(FusedBatchNorm);
    registerGradient(stockBatchNormGrad);
    stockBatchNormGrad = undefined;
  }
}

/**
 * Gradients are registered for all backends at once; ours defers to the stock one except on wasm
 * (see batch-norm-grad.ts), so other backends compute exactly what they did.
 */
function installBatchNormGradient(): void {
  if (stockBatchNormGrad) return;
  stockBatchNormGrad = getGradient(FusedBatchNorm);
  unregisterGradient(FusedBatchNorm);
  registerGradient(createBatchNormGradConfig(stockBatchNormGrad));
}

/** The registered config of a kernel we wrap, as shipped by the wasm backend (not our wrapper). */
function stockKernel(kernelName: string): KernelConfig {
  const config = replaced.has(kernelName) ? replaced.get(kernelName) : getKernel(kernelName, 'wasm');
  if (config === undefined) {
    throw new Error(`The wasm backend has no '${kernelName}' kernel to build on.`);
  }
  return config;
}

function install(config: KernelConfig): void {
  const current = getKernel(config.kernelName, 'wasm');
  if (current !== undefined && ours.has(current.kernelFunc)) return;
  if (current !== undefined) unregisterKernel(config.kernelName, 'wasm');
  replaced.set(config.kernelName, current);
  // Keep the stock setup (it binds the wasm functions our wrappers call) in case the backend
  // initializes after this registration.
  registerKernel({
    ...config,
    setupFunc: current?.setupFunc ?? config.setupFunc,
    disposeFunc: current?.disposeFunc ?? config.disposeFunc,
  });
  ours.add(config.kernelFunc);
}
