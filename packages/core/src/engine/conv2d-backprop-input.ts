import {
  backend_util,
  Conv2DBackpropInput,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { assertChannelsLast, type ConvAttrs } from './conv-attrs';
import { withKernelScope, type KernelScope } from './kernel-scope';
import { phaseFilter } from './phase-filter';

type Shape4 = [number, number, number, number];

/**
 * Input gradient of a 2-D convolution (also the forward pass of a transposed convolution).
 *
 * The stock wasm kernel is a naive loop. Here it is one XNNPACK convolution of the output gradient
 * dy with a rearranged filter, plus reshapes:
 * - stride 1: correlate the padded dy with the spatially flipped filter whose in/out channels swap;
 * - stride s > 1: split dx into its s×s "phases" (rows/cols ≡ r mod s). Each phase is a stride-1
 *   correlation of dy with the taps of the filter that land on it, so one convolution with
 *   s·s·inChannels output channels computes all phases at once, and a reshape/transpose interleaves
 *   them (a depth-to-space). No zeros are inserted into dy, so the work stays close to the forward
 *   convolution's instead of growing by s².
 */
export function conv2dBackpropInput(
  scope: KernelScope,
  dy: TensorInfo,
  filter: TensorInfo,
  inputShape: Shape4,
  attrs: ConvAttrs,
): TensorInfo {
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as Shape4,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const [strideH, strideW] = [info.strideHeight, info.strideWidth];
  if ((strideH > 1 || strideW > 1) && (info.dilationHeight > 1 || info.dilationWidth > 1)) {
    throw new Error('Conv2DBackpropInput: strides and dilations cannot both exceed 1.');
  }
  const rows = phasePlan(info.inHeight, info.outHeight, info.filterHeight, {
    stride: strideH,
    dilation: info.dilationHeight,
    padBefore: info.padInfo.top,
  });
  const cols = phasePlan(info.inWidth, info.outWidth, info.filterWidth, {
    stride: strideW,
    dilation: info.dilationWidth,
    padBefore: info.padInfo.left,
  });
  const [batch, , , outChannels] = dy.shape;
  const inChannels = info.inChannels;
  const dyUsed = scope.slice(
    dy,
    [0, rows.cropBefore, cols.cropBefore, 0],
    [batch, rows.dyUsed, cols.dyUsed, outChannels],
  );
  const weights = scope.backend.readSync(filter.dataId) as Float32Array;
  const combined = phaseFilter(weights, filter.shape as Shape4, strideH, strideW);
  const combinedFilter = scope.track({
    dataId: scope.backend.write(combined.values, combined.shape, 'float32'),
    shape: combined.shape,
    dtype: 'float32',
  });
  const phases = scope.run(
    'Conv2D',
    { x: dyUsed, filter: combinedFilter },
    {
      strides: 1,
      dilations: [info.dilationHeight, info.dilationWidth],
      pad: [
        [0, 0],
        [rows.padBefore, rows.padAfter],
        [cols.padBefore, cols.padAfter],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  const interleaved = interleavePhases(scope, phases, strideH, strideW, inChannels);
  return scope.slice(
    interleaved,
    [0, rows.offset, cols.offset, 0],
    [batch, info.inHeight, info.inWidth, inChannels],
  );
}

/** [b, qh, qw, sh·sw·c] → [b, qh·sh, qw·sw, c]: a depth-to-space that also allows sh ≠ sw. */
function interleavePhases(
  scope: KernelScope,
  phases: TensorInfo,
  strideH: number,
  strideW: number,
  channels: number,
): TensorInfo {
  if (strideH === 1 && strideW === 1) return phases;
  const [batch, qh, qw] = phases.shape;
  const split = scope.reshape(phases, [batch * qh, qw, strideH, strideW * channels]);
  const moved = scope.transpose(split, [0, 2, 1, 3]);
  return scope.reshape(moved, [batch, qh * strideH, qw * strideW, channels]);
}

interface AxisGeometry {
  readonly stride: number;
  readonly dilation: number;
  readonly padBefore: number;
}

interface PhasePlan {
  /** dy rows dropped at the start / kept, because they never reach dx. */
  readonly cropBefore: number;
  readonly dyUsed: number;
  /** Zero padding of the kept dy rows for the stride-1 phase convolution. */
  readonly padBefore: number;
  readonly padAfter: number;
  /** Where dx starts in the interleaved phase output. */
  readonly offset: number;
}

/**
 * Along one axis. In padded input coordinates p = i + padBefore, phase r = p mod s and q = ⌊p/s⌋:
 * dx[p] = Σ_j dy[q − j]·w[r + j·s], a stride-1 correlation over J = ⌈k/s⌉ taps. Only the q that
 * cover [padBefore, padBefore + inSize) are computed.
 */
function phasePlan(
  inSize: number,
  outSize: number,
  filterSize: number,
  { stride, dilation, padBefore }: AxisGeometry,
): PhasePlan {
  const taps = Math.ceil(filterSize / stride);
  const span = (taps - 1) * dilation;
  const firstQ = Math.floor(padBefore / stride);
  const endQ = Math.ceil((padBefore + inSize) / stride);
  let before = span - firstQ;
  let cropBefore = 0;
  if (before < 0) {
    cropBefore = -before;
    before = 0;
  }
  let dyUsed = outSize - cropBefore;
  let after = endQ - firstQ + span - before - dyUsed;
  if (after < 0) {
    dyUsed += after;
    after = 0;
  }
  return {
    cropBefore,
    dyUsed,
    padBefore: before,
    padAfter: after,
    offset: padBefore - firstQ * stride,
  };
}

const conv2dBackpropInputKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const convAttrs = attrs as unknown as ConvAttrs & { inputShape: Shape4 };
  assertChannelsLast(Conv2DBackpropInput, convAttrs.dataFormat);
  return withKernelScope(backend, 'wasm', (scope) =>
    conv2dBackpropInput(scope, dy, filter, convAttrs.inputShape, {
      ...convAttrs,
      dilations: convAttrs.dilations ?? 1,
    }),
  );
};

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInputKernel,
};
