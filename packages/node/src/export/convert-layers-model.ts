import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import { converterFor, supportedLayerClasses } from './layer-converters';
import { OnnxGraph, type OnnxValue } from './onnx-graph';

/** Converted values by the id of the TF.js symbolic tensor they stand for, in one model application. */
type Scope = Map<number, OnnxValue>;

/**
 * Converts a TF.js LayersModel (Sequential or functional, nested models included) into an ONNX
 * graph by walking its symbolic tensors from the outputs back to the inputs: each layer application
 * (an inbound node) becomes the ONNX nodes of its class's converter, each nested model is walked in
 * its own scope with its inputs bound to the caller's values. Inputs and outputs keep the Keras
 * channels-last shapes with a dynamic batch; a single input is named `input` and a single output
 * `output`, several keep their Keras names.
 */
export function convertLayersModel(model: tf.LayersModel): OnnxGraph {
  assertAllLayersSupported(model);
  const graph = new OnnxGraph();
  const scope: Scope = new Map();
  const single = model.inputs.length === 1;
  model.inputs.forEach((input) => {
    scope.set(input.id, graph.addInput(single ? 'input' : input.sourceLayer.name, input.shape));
  });
  const outputNames = model.outputs.map((output) =>
    graph.uniqueName(model.outputs.length === 1 ? 'output' : output.sourceLayer.name),
  );
  const outputs = model.outputs.map((output) => resolve(output, scope, graph));
  outputs.forEach((value, i) => graph.addOutput(outputNames[i], value));
  return graph;
}

function resolve(tensor: tf.SymbolicTensor, scope: Scope, graph: OnnxGraph): OnnxValue {
  const known = scope.get(tensor.id);
  if (known) return known;
  const layer = tensor.sourceLayer;
  const node = layer.inboundNodes[tensor.nodeIndex];
  // An InputLayer's node lists its own tensor as input: every input must already be in scope.
  if (!node || layer.getClassName() === 'InputLayer' || node.inputTensors.length === 0) {
    throw new GlyphError(
      'MODEL_INVALID',
      `Layer "${layer.name}" (${layer.getClassName()}) feeds the output but is not connected to the model's inputs.`,
    );
  }
  const inputs = node.inputTensors.map((input) => resolve(input, scope, graph));
  const outputs =
    layer instanceof tf.LayersModel
      ? resolveNestedModel(layer, inputs, graph)
      : [convertLayer(layer, inputs, node.outputTensors[0].shape, graph)];
  node.outputTensors.forEach((output, i) => scope.set(output.id, outputs[i]));
  return outputs[tensor.tensorIndex];
}

function resolveNestedModel(model: tf.LayersModel, inputs: OnnxValue[], graph: OnnxGraph): OnnxValue[] {
  const scope: Scope = new Map();
  model.inputs.forEach((input, i) => scope.set(input.id, inputs[i]));
  return model.outputs.map((output) => resolve(output, scope, graph));
}

function convertLayer(
  layer: tf.layers.Layer,
  inputs: OnnxValue[],
  outputShape: readonly (number | null)[],
  graph: OnnxGraph,
): OnnxValue {
  const className = layer.getClassName();
  const convert = converterFor(className);
  if (!convert) throw unsupportedLayer(layer);
  const config = layer.getConfig() as Record<string, unknown>;
  return convert({ layer, className, config, inputs, outputShape, graph });
}

/** Fails before any conversion work, naming the first layer (nested ones included) with no converter. */
function assertAllLayersSupported(model: tf.LayersModel): void {
  for (const layer of model.layers) {
    if (layer instanceof tf.LayersModel) assertAllLayersSupported(layer);
    else if (layer.getClassName() !== 'InputLayer' && !converterFor(layer.getClassName())) {
      throw unsupportedLayer(layer);
    }
  }
}

function unsupportedLayer(layer: tf.layers.Layer): GlyphError {
  return new GlyphError(
    'EXPORT_UNSUPPORTED',
    `Cannot export layer "${layer.name}" (${layer.getClassName()}) to ONNX: the exporter has no converter for ${layer.getClassName()}. ` +
      `Supported layer classes: ${supportedLayerClasses().join(', ')}.`,
    { details: { layer: layer.name, className: layer.getClassName() } },
  );
}
