import { applyActivation } from './activations';
import { kerasPads } from './keras-padding';
import { pairOf, type LayerCall, type LayerConverter } from './layer-call';
import {
  convKernelToOnnx,
  depthwiseKernelToOnnx,
  layerWeight,
  optionalLayerWeight,
  type WeightArray,
} from './layer-weights';
import { intAttribute, intsAttribute, type OnnxValue } from './onnx-graph';
import { unsupported } from './unsupported';

function assertChannelsLast({ layer, className, config }: LayerCall): void {
  const format = config.dataFormat;
  if (format !== undefined && format !== 'channelsLast') {
    throw unsupported(layer.name, className, `data format "${String(format)}" (supported: channelsLast)`);
  }
}

interface ConvSpec {
  readonly weight: WeightArray;
  readonly bias?: WeightArray;
  readonly group: number;
  readonly strides: [number, number];
  readonly dilation: [number, number];
  readonly padding: unknown;
}

/** One ONNX Conv (channels-first) with Keras padding written out as explicit pads. */
function emitConv(call: LayerCall, input: OnnxValue, spec: ConvSpec, base: string): OnnxValue {
  const { graph, layer, className } = call;
  const [, , kh, kw] = spec.weight.shape;
  const pads = kerasPads(
    spec.padding,
    {
      inputSize: [input.shape[1], input.shape[2]],
      kernelSize: [kh, kw],
      strides: spec.strides,
      dilation: spec.dilation,
    },
    { name: layer.name, className },
  );
  const inputs = [
    graph.toNchw(input).name,
    graph.floatInitializer(`${base}_weight`, spec.weight.shape, spec.weight.values),
  ];
  if (spec.bias) inputs.push(graph.floatInitializer(`${base}_bias`, spec.bias.shape, spec.bias.values));
  const name = graph.node('Conv', inputs, base, [
    intsAttribute('kernel_shape', [kh, kw]),
    intsAttribute('strides', spec.strides),
    intsAttribute('dilations', spec.dilation),
    intsAttribute('pads', pads),
    intAttribute('group', spec.group),
  ]);
  return { name, shape: call.outputShape, layout: 'nchw' };
}

function windowOptions(config: LayerCall['config']) {
  return {
    strides: pairOf(config.strides, [1, 1]),
    dilation: pairOf(config.dilationRate, [1, 1]),
    padding: config.padding,
  };
}

export const convertConv2d: LayerConverter = (call) => {
  assertChannelsLast(call);
  const { layer, config, inputs } = call;
  const y = emitConv(
    call,
    inputs[0],
    {
      weight: convKernelToOnnx(layerWeight(layer, 'kernel')),
      bias: config.useBias === false ? undefined : optionalLayerWeight(layer, 'bias'),
      group: 1,
      ...windowOptions(config),
    },
    layer.name,
  );
  return applyActivation(call.graph, y, config.activation, { name: layer.name, className: call.className });
};

export const convertDepthwiseConv2d: LayerConverter = (call) => {
  assertChannelsLast(call);
  const { layer, config, inputs } = call;
  const kernel = layerWeight(layer, 'depthwise_kernel');
  const y = emitConv(
    call,
    inputs[0],
    {
      weight: depthwiseKernelToOnnx(kernel),
      bias: config.useBias === false ? undefined : optionalLayerWeight(layer, 'bias'),
      group: kernel.shape[2],
      ...windowOptions(config),
    },
    layer.name,
  );
  return applyActivation(call.graph, y, config.activation, { name: layer.name, className: call.className });
};

/** Depthwise then 1×1 pointwise convolution; the bias belongs to the pointwise step. */
export const convertSeparableConv2d: LayerConverter = (call) => {
  assertChannelsLast(call);
  const { layer, config, inputs } = call;
  const depthwise = layerWeight(layer, 'depthwise_kernel');
  const [, , channels, multiplier] = depthwise.shape;
  const [batch, height, width] = call.outputShape;
  const middle = emitConv(
    { ...call, outputShape: [batch, height, width, channels * multiplier] },
    inputs[0],
    { weight: depthwiseKernelToOnnx(depthwise), group: channels, ...windowOptions(config) },
    `${layer.name}_depthwise`,
  );
  const y = emitConv(
    call,
    middle,
    {
      weight: convKernelToOnnx(layerWeight(layer, 'pointwise_kernel')),
      bias: config.useBias === false ? undefined : optionalLayerWeight(layer, 'bias'),
      group: 1,
      strides: [1, 1],
      dilation: [1, 1],
      padding: 'valid',
    },
    layer.name,
  );
  return applyActivation(call.graph, y, config.activation, { name: layer.name, className: call.className });
};

/** Keras `[[top, bottom], [left, right]]` (or a number / a pair) → `[[t, b], [l, r]]`. */
function edgePairs(value: unknown): [[number, number], [number, number]] {
  if (typeof value === 'number') {
    return [
      [value, value],
      [value, value],
    ];
  }
  const [rows, cols] = value as [unknown, unknown];
  return [pairOf(rows, [0, 0]), pairOf(cols, [0, 0])];
}

export const convertZeroPadding2d: LayerConverter = (call) => {
  assertChannelsLast(call);
  const { graph, layer, config, inputs } = call;
  const [[top, bottom], [left, right]] = edgePairs(config.padding);
  const pads = graph.int64Initializer(`${layer.name}_pads`, [0, 0, top, left, 0, 0, bottom, right]);
  const name = graph.node('Pad', [graph.toNchw(inputs[0]).name, pads], layer.name);
  return { name, shape: call.outputShape, layout: 'nchw' };
};

export const convertCropping2d: LayerConverter = (call) => {
  assertChannelsLast(call);
  const { graph, layer, config, inputs } = call;
  const [[top, bottom], [left, right]] = edgePairs(config.cropping);
  const [, height, width] = inputs[0].shape;
  if (height === null || width === null) {
    throw unsupported(layer.name, call.className, 'cropping an input of unknown size');
  }
  const name = graph.node(
    'Slice',
    [
      graph.toNchw(inputs[0]).name,
      graph.int64Initializer(`${layer.name}_starts`, [top, left]),
      graph.int64Initializer(`${layer.name}_ends`, [height - bottom, width - right]),
      graph.int64Initializer(`${layer.name}_axes`, [2, 3]),
    ],
    layer.name,
  );
  return { name, shape: call.outputShape, layout: 'nchw' };
};
