import type { LayerCall, LayerConverter } from './layer-call';
import { intAttribute, type OnnxValue } from './onnx-graph';
import { unsupported } from './unsupported';

/**
 * Puts every input in the layout of the first, so an element-wise merge of two feature maps (a
 * residual Add) needs no transpose when both branches are channels-first already.
 */
function alignedInputs({ graph, layer, inputs, className }: LayerCall): OnnxValue[] {
  const rank = inputs[0].shape.length;
  if (inputs.some((input) => input.shape.length !== rank)) {
    throw unsupported(layer.name, className, 'merging inputs of different ranks');
  }
  return inputs.map((input) => (inputs[0].layout === 'nchw' ? graph.toNchw(input) : graph.toNhwc(input)));
}

/** Folds the inputs pairwise with one binary ONNX op (`Add`, `Mul`, `Max`, `Min`). */
function chain(call: LayerCall, opType: string, base: string): OnnxValue {
  const inputs = alignedInputs(call);
  let name = inputs[0].name;
  inputs.slice(1).forEach((input, i) => {
    name = call.graph.node(opType, [name, input.name], i === inputs.length - 2 ? base : `${base}_${i}`);
  });
  return { name, shape: call.outputShape, layout: inputs[0].layout };
}

export const convertAdd: LayerConverter = (call) => chain(call, 'Add', call.layer.name);
export const convertMultiply: LayerConverter = (call) => chain(call, 'Mul', call.layer.name);
export const convertMaximum: LayerConverter = (call) => chain(call, 'Max', call.layer.name);
export const convertMinimum: LayerConverter = (call) => chain(call, 'Min', call.layer.name);

export const convertAverage: LayerConverter = (call) => {
  const sum = chain(call, 'Add', `${call.layer.name}_sum`);
  const scale = call.graph.floatInitializer(
    `${call.layer.name}_scale`,
    [],
    Float32Array.of(1 / call.inputs.length),
  );
  return { ...sum, name: call.graph.node('Mul', [sum.name, scale], call.layer.name) };
};

/** Keras axis of a channels-last rank-4 value → the same axis once it is channels-first. */
const nchwAxisOf = [0, 2, 3, 1];

export const convertConcatenate: LayerConverter = (call) => {
  const inputs = alignedInputs(call);
  const rank = inputs[0].shape.length;
  const kerasAxis = Number(call.config.axis ?? -1);
  const axis = kerasAxis < 0 ? rank + kerasAxis : kerasAxis;
  const onnxAxis = inputs[0].layout === 'nchw' ? nchwAxisOf[axis] : axis;
  const name = call.graph.node(
    'Concat',
    inputs.map((input) => input.name),
    call.layer.name,
    [intAttribute('axis', onnxAxis)],
  );
  return { name, shape: call.outputShape, layout: inputs[0].layout };
};
