import { applyActivation, clip, softmax } from './activations';
import type { LayerConverter } from './layer-call';
import { layerWeight, optionalLayerWeight } from './layer-weights';
import { floatAttribute, intAttribute, intsAttribute } from './onnx-graph';
import { unsupported } from './unsupported';

/** Dropout and noise layers do nothing at inference: their output is their input. */
export const convertIdentity: LayerConverter = ({ inputs }) => inputs[0];

/** `x · kernel + bias` on the last axis, in Keras layout (a Dense after a feature map sees NHWC). */
export const convertDense: LayerConverter = (call) => {
  const { graph, layer, config, inputs, className } = call;
  const x = graph.toNhwc(inputs[0]);
  const kernel = layerWeight(layer, 'kernel');
  let name = graph.node(
    'MatMul',
    [x.name, graph.floatInitializer(`${layer.name}_kernel`, kernel.shape, kernel.values)],
    `${layer.name}_matmul`,
  );
  const bias = config.useBias === false ? undefined : optionalLayerWeight(layer, 'bias');
  if (bias) {
    name = graph.node(
      'Add',
      [name, graph.floatInitializer(`${layer.name}_bias`, bias.shape, bias.values)],
      layer.name,
    );
  }
  return applyActivation(graph, { name, shape: call.outputShape, layout: 'nhwc' }, config.activation, {
    name: layer.name,
    className,
  });
};

/** Keras flattens channels-last, so the value goes back to NHWC before ONNX Flatten. */
export const convertFlatten: LayerConverter = ({ graph, layer, inputs, outputShape }) => {
  const name = graph.node('Flatten', [graph.toNhwc(inputs[0]).name], layer.name, [intAttribute('axis', 1)]);
  return { name, shape: outputShape, layout: 'nhwc' };
};

export const convertReshape: LayerConverter = ({ graph, layer, config, inputs, outputShape }) => {
  const target = config.targetShape as number[];
  // 0 keeps the (dynamic) batch size of the input.
  const shape = graph.int64Initializer(`${layer.name}_shape`, [0, ...target]);
  const name = graph.node('Reshape', [graph.toNhwc(inputs[0]).name, shape], layer.name);
  return { name, shape: outputShape, layout: 'nhwc' };
};

export const convertPermute: LayerConverter = ({ graph, layer, config, inputs, outputShape }) => {
  const dims = config.dims as number[];
  const name = graph.node('Transpose', [graph.toNhwc(inputs[0]).name], layer.name, [
    intsAttribute('perm', [0, ...dims]),
  ]);
  return { name, shape: outputShape, layout: 'nhwc' };
};

/** Inference batch norm with the moving statistics, as ONNX BatchNormalization (channels on axis 1). */
export const convertBatchNormalization: LayerConverter = (call) => {
  const { graph, layer, config, inputs, className } = call;
  const rank = inputs[0].shape.length;
  const axis = Number(config.axis ?? -1);
  if ((rank !== 2 && rank !== 4) || (axis !== -1 && axis !== rank - 1)) {
    throw unsupported(
      layer.name,
      className,
      `normalising axis ${axis} of a rank-${rank} input (supported: the channel axis of rank 2 or 4)`,
    );
  }
  const mean = layerWeight(layer, 'moving_mean');
  const channels = mean.values.length;
  const gamma = config.scale === false ? undefined : optionalLayerWeight(layer, 'gamma');
  const beta = config.center === false ? undefined : optionalLayerWeight(layer, 'beta');
  const variance = layerWeight(layer, 'moving_variance');
  const x = graph.toNchw(inputs[0]);
  const name = graph.node(
    'BatchNormalization',
    [
      x.name,
      graph.floatInitializer(
        `${layer.name}_gamma`,
        [channels],
        gamma?.values ?? new Float32Array(channels).fill(1),
      ),
      graph.floatInitializer(`${layer.name}_beta`, [channels], beta?.values ?? new Float32Array(channels)),
      graph.floatInitializer(`${layer.name}_mean`, [channels], mean.values),
      graph.floatInitializer(`${layer.name}_variance`, [channels], variance.values),
    ],
    layer.name,
    [floatAttribute('epsilon', Number(config.epsilon ?? 1e-3))],
  );
  return { name, shape: call.outputShape, layout: x.layout };
};

export const convertActivation: LayerConverter = ({ graph, layer, config, inputs, className }) =>
  applyActivation(graph, inputs[0], config.activation, { name: layer.name, className });

/** TF.js ReLU takes only `maxValue` (MobileNet's ReLU6 is `maxValue: 6`). */
export const convertReLU: LayerConverter = ({ graph, layer, config, inputs }) => {
  const maxValue = config.maxValue;
  const name =
    maxValue === undefined || maxValue === null
      ? graph.node('Relu', [inputs[0].name], layer.name)
      : clip(graph, inputs[0].name, layer.name, 0, Number(maxValue));
  return { ...inputs[0], name };
};

export const convertLeakyReLU: LayerConverter = ({ graph, layer, config, inputs }) => ({
  ...inputs[0],
  name: graph.node('LeakyRelu', [inputs[0].name], layer.name, [
    floatAttribute('alpha', Number(config.alpha ?? 0.3)),
  ]),
});

export const convertElu: LayerConverter = ({ graph, layer, config, inputs }) => ({
  ...inputs[0],
  name: graph.node('Elu', [inputs[0].name], layer.name, [floatAttribute('alpha', Number(config.alpha ?? 1))]),
});

export const convertThresholdedReLU: LayerConverter = ({ graph, layer, config, inputs }) => ({
  ...inputs[0],
  name: graph.node('ThresholdedRelu', [inputs[0].name], layer.name, [
    floatAttribute('alpha', Number(config.theta ?? 1)),
  ]),
});

export const convertSoftmax: LayerConverter = ({ graph, layer, config, inputs, className }) => {
  const axis = config.axis ?? -1;
  const rank = inputs[0].shape.length;
  if (axis !== -1 && axis !== rank - 1) {
    throw unsupported(layer.name, className, `softmax over axis ${String(axis)} (supported: the last axis)`);
  }
  return softmax(graph, inputs[0], layer.name);
};

/** `x * scale + offset`, element-wise with scalars, so in any layout. */
export const convertRescaling: LayerConverter = ({ graph, layer, config, inputs }) => {
  const scaled = graph.node(
    'Mul',
    [
      inputs[0].name,
      graph.floatInitializer(`${layer.name}_scale`, [], Float32Array.of(Number(config.scale))),
    ],
    `${layer.name}_scaled`,
  );
  const name = graph.node(
    'Add',
    [scaled, graph.floatInitializer(`${layer.name}_offset`, [], Float32Array.of(Number(config.offset ?? 0)))],
    layer.name,
  );
  return { ...inputs[0], name };
};
