import { floatAttribute, intAttribute, type OnnxGraph, type OnnxValue } from './onnx-graph';
import { unsupported } from './unsupported';

/** Element-wise activations: ONNX op and attributes; layout-agnostic, so no transpose is needed. */
const elementwise: Readonly<Record<string, (graph: OnnxGraph, x: string, base: string) => string>> = {
  relu: (graph, x, base) => graph.node('Relu', [x], base),
  relu6: (graph, x, base) => clip(graph, x, base, 0, 6),
  sigmoid: (graph, x, base) => graph.node('Sigmoid', [x], base),
  tanh: (graph, x, base) => graph.node('Tanh', [x], base),
  elu: (graph, x, base) => graph.node('Elu', [x], base, [floatAttribute('alpha', 1)]),
  // ONNX Selu's default alpha and gamma are Keras' constants.
  selu: (graph, x, base) => graph.node('Selu', [x], base),
  softplus: (graph, x, base) => graph.node('Softplus', [x], base),
  softsign: (graph, x, base) => graph.node('Softsign', [x], base),
  hardSigmoid: (graph, x, base) =>
    graph.node('HardSigmoid', [x], base, [floatAttribute('alpha', 0.2), floatAttribute('beta', 0.5)]),
  swish: (graph, x, base) => graph.node('Mul', [x, graph.node('Sigmoid', [x], `${base}_sigmoid`)], base),
  mish: (graph, x, base) => {
    const softplus = graph.node('Softplus', [x], `${base}_softplus`);
    return graph.node('Mul', [x, graph.node('Tanh', [softplus], `${base}_tanh`)], base);
  },
};

export const supportedActivations = ['linear', 'softmax', ...Object.keys(elementwise)];

/** `min(max(x, low), high)`; opset 13 Clip takes its bounds as scalar inputs. */
export function clip(graph: OnnxGraph, x: string, base: string, low: number, high?: number): string {
  const inputs = [x, graph.floatInitializer(`${base}_min`, [], Float32Array.of(low))];
  if (high !== undefined) inputs.push(graph.floatInitializer(`${base}_max`, [], Float32Array.of(high)));
  return graph.node('Clip', inputs, base);
}

/** Softmax over the last Keras axis (the channels), whatever the value's layout. */
export function softmax(graph: OnnxGraph, value: OnnxValue, base: string): OnnxValue {
  const natural = graph.toNhwc(value);
  const name = graph.node('Softmax', [natural.name], base, [intAttribute('axis', -1)]);
  return { ...natural, name };
}

/**
 * Applies a Keras activation by its TF.js name (`layer.getConfig().activation`) to `value`.
 * `layer` names the layer in the error for an activation the exporter does not know.
 */
export function applyActivation(
  graph: OnnxGraph,
  value: OnnxValue,
  activation: unknown,
  layer: { name: string; className: string },
): OnnxValue {
  const name = activation === undefined || activation === null ? 'linear' : String(activation);
  if (name === 'linear') return value;
  const base = `${layer.name}_${name}`;
  if (name === 'softmax') return softmax(graph, value, base);
  const convert = elementwise[name];
  if (!convert) {
    throw unsupported(
      layer.name,
      layer.className,
      `activation "${name}" (supported: ${supportedActivations.join(', ')})`,
    );
  }
  return { ...value, name: convert(graph, value.name, base) };
}
