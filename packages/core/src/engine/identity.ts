import { Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { shareData } from './wasm-heap';

/**
 * `Identity` without a copy. The engine clones every tensor it saves for the backward pass, so the
 * stock wasm kernel (which copies) duplicates most activations of a training step. Kernels never
 * write into their inputs, so sharing the reference-counted data is safe, as on the `cpu` backend.
 */
export function createIdentityConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    return x.dtype === 'string' ? stock.kernelFunc(args) : shareData(args.backend, x);
  };
  return { ...stock, kernelFunc };
}

export const identityKernelName = Identity;
