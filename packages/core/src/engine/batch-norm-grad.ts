import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { simdKernels } from './simd/simd-kernels';
import { heapOutput, heapView, zeroedOutput } from './wasm-heap';

/** Our kernel: every input gradient of `FusedBatchNorm` from one pass over x and dy. */
export const batchNormGradKernelName = 'GlyphBatchNormGrad';

/**
 * The gradient of `FusedBatchNorm` (batch-norm layers in training) on wasm. The stock gradient builds
 * the five input gradients from about fifteen element-wise ops and reductions over the whole
 * activation; here one pass computes dx = dy·γ·rsqrt(var+ε) and the per-channel sums Σdy and
 * Σdy·(x−mean), and the mean/variance/scale/offset gradients follow from those per channel — the
 * same formulas, so other backends keep the stock gradient and results agree to float rounding.
 */
export function createBatchNormGradConfig(stock: GradConfig): GradConfig {
  return {
    ...stock,
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved;
      const dyTensor = dy as tf.Tensor;
      const channels = mean.shape[0];
      const fusable =
        tf.getBackend() === 'wasm' &&
        mean.rank === 1 &&
        x.shape[x.rank - 1] === channels &&
        x.dtype === 'float32' &&
        dyTensor.dtype === 'float32';
      if (!fusable) return stock.gradFunc(dy, saved, attrs);
      const inputs: tf.NamedTensorMap = { x, dy: dyTensor, mean, variance, ...(scale && { scale }) };
      const [dx, dMean, dVariance, dScale, dOffset] = tf
        .engine()
        .runKernel(batchNormGradKernelName, inputs, attrs as NamedAttrMap) as tf.Tensor[];
      return {
        x: () => dx,
        mean: () => dMean,
        variance: () => dVariance,
        scale: () => dScale,
        offset: () => dOffset,
      };
    },
  };
}

const batchNormGradKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy, mean, variance, scale } = inputs as Record<string, TensorInfo>;
  const epsilon = (attrs as { varianceEpsilon: number }).varianceEpsilon;
  const channels = mean.shape[0];
  const rows = x.shape.reduce((product, extent) => product * extent, 1) / channels;
  const rstd = Float64Array.from(heapView(backend, variance), (v) => 1 / Math.sqrt(v + epsilon));
  const gamma = scale ? Float64Array.from(heapView(backend, scale)) : new Float64Array(channels).fill(1);
  // Allocate everything before taking views: growing the heap detaches earlier views.
  const dx = heapOutput(backend, [...x.shape]);
  const g = heapOutput(backend, [channels]);
  const sumDy = zeroedOutput(backend, [channels]);
  const sumDyCentered = zeroedOutput(backend, [channels]);
  const [dMean, dVariance, dScale] = [0, 1, 2].map(() => heapOutput(backend, [channels]));
  const view = (info: TensorInfo): Float32Array => heapView(backend, info) as Float32Array;
  view(g).set(rstd.map((r, c) => r * gamma[c]));
  const kernels = simdKernels(backend);
  if (kernels && channels % 4 === 0) {
    const at = kernels.offsetOf;
    kernels.batchNormGrad(
      at(x),
      at(dy),
      at(dx),
      at(mean),
      at(g),
      at(sumDy),
      at(sumDyCentered),
      rows,
      channels,
    );
  } else {
    elementPass([x, dy, dx, g, sumDy, sumDyCentered].map(view), view(mean), channels);
  }
  const sums = view(sumDy);
  const centered = view(sumDyCentered);
  for (let c = 0; c < channels; c++) {
    view(dMean)[c] = -gamma[c] * rstd[c] * sums[c];
    view(dVariance)[c] = -0.5 * gamma[c] * rstd[c] ** 3 * centered[c];
    view(dScale)[c] = rstd[c] * centered[c];
  }
  (backend as tf.KernelBackend).disposeData(g.dataId);
  (backend as tf.KernelBackend).disposeData(sumDyCentered.dataId);
  return [dx, dMean, dVariance, dScale, sumDy];
};

/** The same pass in TypeScript, for channel counts the SIMD kernel does not take. */
function elementPass(
  [x, dy, dx, g, sumDy, sumDyCentered]: Float32Array[],
  mean: Float32Array,
  channels: number,
): void {
  for (let offset = 0; offset < x.length; offset += channels) {
    for (let c = 0; c < channels; c++) {
      const d = dy[offset + c];
      dx[offset + c] = d * g[c];
      sumDy[c] += d;
      sumDyCentered[c] += d * (x[offset + c] - mean[c]);
    }
  }
}

export const batchNormGradKernelConfig: KernelConfig = {
  kernelName: batchNormGradKernelName,
  backendName: 'wasm',
  kernelFunc: batchNormGradKernel,
};
