import { FusedBatchNorm, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { simdKernels } from './simd/simd-kernels';
import { heapOutput, heapView } from './wasm-heap';

/**
 * `FusedBatchNorm` (batch norm, in training and inference) as one SIMD pass y = x·g + h, with the
 * statistics folded per channel into g = γ/√(var+ε) and h = β − mean·g. The stock wasm kernel walks
 * the elements one by one (about 10× slower). Statistics that are not one value per last-axis
 * channel, channel counts not a multiple of 4, or no SIMD take the stock kernel.
 */
export function createBatchNormConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x, mean, variance, offset, scale } = args.inputs as Record<string, TensorInfo | undefined> & {
      x: TensorInfo;
      mean: TensorInfo;
      variance: TensorInfo;
    };
    const channels = x.shape[x.shape.length - 1];
    const perChannel = [mean, variance, offset, scale].every(
      (info) => info === undefined || (info.shape.length === 1 && info.shape[0] === channels),
    );
    const kernels = simdKernels(args.backend);
    if (!kernels || !perChannel || channels % 4 !== 0 || x.dtype !== 'float32' || x.shape.length === 0) {
      return stock.kernelFunc(args);
    }
    const epsilon = (args.attrs as { varianceEpsilon: number }).varianceEpsilon;
    const read = (info: TensorInfo | undefined, fallback: number): Float64Array =>
      info ? Float64Array.from(heapView(args.backend, info)) : new Float64Array(channels).fill(fallback);
    const [means, variances, offsets, scales] = [
      read(mean, 0),
      read(variance, 1),
      read(offset, 0),
      read(scale, 1),
    ];
    const g = heapOutput(args.backend, [channels]);
    const h = heapOutput(args.backend, [channels]);
    const y = heapOutput(args.backend, [...x.shape]);
    const gains = variances.map((v, c) => scales[c] / Math.sqrt(v + epsilon));
    (heapView(args.backend, g) as Float32Array).set(gains);
    (heapView(args.backend, h) as Float32Array).set(offsets.map((o, c) => o - means[c] * gains[c]));
    const rows = x.shape.reduce((product, extent) => product * extent, 1) / channels;
    kernels.channelAffine(
      kernels.offsetOf(x),
      kernels.offsetOf(g),
      kernels.offsetOf(h),
      kernels.offsetOf(y),
      rows,
      channels,
    );
    const backend = args.backend as { disposeData(dataId: TensorInfo['dataId']): void };
    backend.disposeData(g.dataId);
    backend.disposeData(h.dataId);
    return y;
  };
  return { ...stock, kernelFunc };
}

export const batchNormKernelName = FusedBatchNorm;
