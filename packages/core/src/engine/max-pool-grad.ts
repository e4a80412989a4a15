import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { simdKernels } from './simd/simd-kernels';
import { heapKernel, heapOutput, heapView } from './wasm-heap';

type Conv2DInfo = ReturnType<typeof backend_util.computePool2DInfo>;

/**
 * Gradient of max pooling. Each output gradient goes to the first maximum of its window (row-major
 * scan, strictly greater), exactly as the `cpu` backend does; the stock wasm kernel takes the last
 * maximum and runs about 10× slower. 2×2/stride-2 pools without padding take a WebAssembly SIMD
 * kernel (simd/max-pool-grad-wat.ts); other pools one TypeScript pass over the windows, channels
 * innermost. (tfjs pools have no dilation in their gradients, so none is handled.)
 */
const maxPoolGradKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
    filterSize: number | [number, number];
    strides: number | [number, number];
    pad: 'valid' | 'same' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const kernels = simdKernels(backend);
  if (kernels && isPlainTwoByTwo(info)) {
    const dx = heapOutput(backend, [...input.shape]);
    const [batch, height, width, channels] = input.shape;
    if (height % 2 === 1 || width % 2 === 1) heapView(backend, dx).fill(0); // rows no window covers
    const offset = kernels.offsetOf;
    kernels.maxPool2x2Grad(
      offset(input),
      offset(dy),
      offset(dx),
      batch,
      height,
      width,
      channels,
      info.outHeight,
      info.outWidth,
    );
    return dx;
  }
  return heapKernel(backend, [...input.shape], [input, dy], (dx, x, dyValues) =>
    routeToMaxima(info, x, dyValues, dx),
  );
};

/** 2×2 windows, stride 2, no padding, channels in fours: the SIMD kernel's case (most CNNs' pools). */
function isPlainTwoByTwo(info: Conv2DInfo): boolean {
  return (
    info.filterHeight === 2 &&
    info.filterWidth === 2 &&
    info.strideHeight === 2 &&
    info.strideWidth === 2 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    info.outHeight === Math.floor(info.inHeight / 2) &&
    info.outWidth === Math.floor(info.inWidth / 2) &&
    info.inChannels % 4 === 0
  );
}

function routeToMaxima(info: Conv2DInfo, x: Float32Array, dy: Float32Array, dx: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  // Offsets of the window's pixels inside x, in scan order; rebuilt for each output pixel.
  const taps = new Int32Array(info.effectiveFilterHeight * info.effectiveFilterWidth);
  dx.fill(0);
  let dyOffset = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const [rowStart, rowEnd] = windowRange(
        oh,
        info.strideHeight,
        info.padInfo.top,
        info.effectiveFilterHeight,
        inHeight,
      );
      for (let ow = 0; ow < outWidth; ow++) {
        const [colStart, colEnd] = windowRange(
          ow,
          info.strideWidth,
          info.padInfo.left,
          info.effectiveFilterWidth,
          inWidth,
        );
        let tapCount = 0;
        for (let r = rowStart; r < rowEnd; r++) {
          for (let col = colStart; col < colEnd; col++) {
            taps[tapCount++] = ((b * inHeight + r) * inWidth + col) * channels;
          }
        }
        for (let c = 0; c < channels; c++, dyOffset++) {
          let best = -Infinity;
          let where = -1;
          for (let t = 0; t < tapCount; t++) {
            const value = x[taps[t] + c];
            if (value > best) {
              best = value;
              where = taps[t] + c;
            }
          }
          if (where >= 0) dx[where] += dy[dyOffset];
        }
      }
    }
  }
}

/** First and end (exclusive) input index of a window along one axis, clipped to the input. */
function windowRange(
  out: number,
  stride: number,
  padBefore: number,
  extent: number,
  inSize: number,
): [number, number] {
  const corner = out * stride - padBefore;
  return [Math.max(0, corner), Math.min(inSize, corner + extent)];
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGradKernel,
};
