import { ClipByValue, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { heapKernelOfType } from './wasm-heap';

/**
 * `ClipByValue` as one tight loop on the heap. ReLU6 (every activation of MobileNetV2) is a clip to
 * [0, 6], and the stock wasm kernel took about 60× as long as a ReLU over the same map — most of a
 * backbone's forward pass. It also clips int32 tensors, which the stock kernel read as floats
 * (-3..9 clipped to [0, 6] gave 9); other dtypes take the stock kernel.
 */
export function createClipByValueConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { clipValueMin, clipValueMax } = args.attrs as { clipValueMin: number; clipValueMax: number };
    if (x.dtype !== 'float32' && x.dtype !== 'int32') return stock.kernelFunc(args);
    return heapKernelOfType(args.backend, x.dtype, x.shape, [x], (out, values) => {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        // NaN stays NaN, as in the stock kernel.
        out[i] = v < clipValueMin ? clipValueMin : v > clipValueMax ? clipValueMax : v;
      }
    });
  };
  return { ...stock, kernelFunc };
}

export const clipByValueKernelName = ClipByValue;
