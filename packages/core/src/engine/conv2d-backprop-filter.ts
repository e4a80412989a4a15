import {
  backend_util,
  Conv2DBackpropFilter,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { assertChannelsLast, type ConvAttrs } from './conv-attrs';
import { withKernelScope, type KernelScope } from './kernel-scope';
import { simdKernels, type SimdKernels } from './simd/simd-kernels';
import { zeroedOutput } from './wasm-heap';

type Conv2DInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

/**
 * Filter gradient of a 2-D convolution, missing from the stock wasm backend.
 *
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh·d − pad, ow·s + kw·d − pad, ci] · dy[b, oh, ow, co]
 * is itself a convolution once batch and channels swap roles: the input is x as [ci, h, w, b], the
 * "filter" is dy as [oh, ow, b, co], the stride is the forward dilation and the dilation is the forward
 * stride. The result [ci, kh, kw, co] is transposed to [kh, kw, ci, co]. This keeps all the arithmetic
 * in the XNNPACK convolution of the stock `Conv2D` kernel; only two transposes are added.
 *
 * When WebAssembly SIMD is available and the output channels come in multiples of 8, our own SIMD
 * kernel (simd/filter-gradient-wat.ts) computes the same sum directly on the padded input, about 2.5×
 * faster: it needs no transposes and no packing of a large "filter".
 */
export function conv2dBackpropFilter(
  scope: KernelScope,
  x: TensorInfo,
  dy: TensorInfo,
  filterShape: readonly [number, number, number, number],
  attrs: ConvAttrs,
): TensorInfo {
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    [...filterShape],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const [filterHeight, filterWidth, inChannels, outChannels] = filterShape;
  const kernels = simdKernels(scope.backend);
  if (kernels && outChannels % 8 === 0) {
    return simdFilterGradient(scope, kernels, x, dy, filterShape, info);
  }
  const rows = gradientWindow(info.inHeight, info.outHeight, filterHeight, {
    stride: info.strideHeight,
    dilation: info.dilationHeight,
    padBefore: info.padInfo.top,
  });
  const cols = gradientWindow(info.inWidth, info.outWidth, filterWidth, {
    stride: info.strideWidth,
    dilation: info.dilationWidth,
    padBefore: info.padInfo.left,
  });
  const batch = info.batchSize;
  const xUsed = scope.slice(x, [0, 0, 0, 0], [batch, rows.inputUsed, cols.inputUsed, inChannels]);
  const xByChannel = scope.transpose(xUsed, [3, 1, 2, 0]);
  const dyAsFilter = scope.transpose(dy, [1, 2, 0, 3]);
  const grad = scope.run(
    'Conv2D',
    { x: xByChannel, filter: dyAsFilter },
    {
      strides: [info.dilationHeight, info.dilationWidth],
      dilations: [info.strideHeight, info.strideWidth],
      pad: [
        [0, 0],
        [info.padInfo.top, rows.padAfter],
        [info.padInfo.left, cols.padAfter],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  return scope.transpose(grad, [1, 2, 0, 3]);
}

/** Pads x to every row/column the windows read, then runs the SIMD kernel into a zeroed output. */
function simdFilterGradient(
  scope: KernelScope,
  kernels: SimdKernels,
  x: TensorInfo,
  dy: TensorInfo,
  [filterHeight, filterWidth, inChannels, outChannels]: readonly [number, number, number, number],
  info: Conv2DInfo,
): TensorInfo {
  const { top, left } = info.padInfo;
  const rowsRead = (info.outHeight - 1) * info.strideHeight + (filterHeight - 1) * info.dilationHeight + 1;
  const colsRead = (info.outWidth - 1) * info.strideWidth + (filterWidth - 1) * info.dilationWidth + 1;
  const padded = scope.pad(x, [
    [0, 0],
    [top, Math.max(0, rowsRead - top - info.inHeight)],
    [left, Math.max(0, colsRead - left - info.inWidth)],
    [0, 0],
  ]);
  const [batch, height, width] = padded.shape;
  const out = zeroedOutput(scope.backend, [filterHeight, filterWidth, inChannels, outChannels]);
  kernels.conv2dFilterGradient(
    kernels.offsetOf(padded),
    kernels.offsetOf(dy),
    kernels.offsetOf(out),
    batch,
    height,
    width,
    inChannels,
    info.outHeight,
    info.outWidth,
    outChannels,
    filterHeight,
    filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
  );
  return out;
}

interface AxisGeometry {
  readonly stride: number;
  readonly dilation: number;
  readonly padBefore: number;
}

/**
 * Along one spatial axis: how many input rows the forward pass actually read, and the padding after
 * them that makes the gradient convolution produce exactly `filterSize` outputs.
 */
function gradientWindow(
  inSize: number,
  outSize: number,
  filterSize: number,
  { stride, dilation, padBefore }: AxisGeometry,
): { inputUsed: number; padAfter: number } {
  // Last padded row touched: (outSize-1)·stride + (filterSize-1)·dilation; rows after it are unused.
  const paddedExtent = (outSize - 1) * stride + (filterSize - 1) * dilation + 1;
  const padAfter = paddedExtent - padBefore - inSize;
  return padAfter >= 0 ? { inputUsed: inSize, padAfter } : { inputUsed: inSize + padAfter, padAfter: 0 };
}

const conv2dBackpropFilterKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const convAttrs = attrs as unknown as ConvAttrs & {
    filterShape: [number, number, number, number];
  };
  assertChannelsLast(Conv2DBackpropFilter, convAttrs.dataFormat);
  return withKernelScope(backend, 'wasm', (scope) =>
    conv2dBackpropFilter(scope, x, dy, convAttrs.filterShape, {
      ...convAttrs,
      dilations: convAttrs.dilations ?? 1,
    }),
  );
};

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilterKernel,
};
