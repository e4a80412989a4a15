import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';

/**
 * The part of `model` from its input up to the layer `features` (a functional model sharing its
 * weights). A 4-D feature map is averaged over space so every backbone hands out one vector per image.
 */
export function featureModel(model: tf.LayersModel, features: string): tf.LayersModel {
  let layer: tf.layers.Layer;
  try {
    layer = model.getLayer(features);
  } catch {
    throw new GlyphError(
      'MODEL_INVALID',
      `The backbone has no layer "${features}". Its layers end with: ${model.layers
        .slice(-5)
        .map((l) => l.name)
        .join(', ')}.`,
    );
  }
  let output = layer.output as tf.SymbolicTensor;
  if (output.shape.length === 4)
    output = tf.layers.globalAveragePooling2d({}).apply(output) as tf.SymbolicTensor;
  if (output.shape.length !== 2) {
    throw new GlyphError(
      'MODEL_INVALID',
      `The backbone layer "${features}" outputs shape [${output.shape.join(', ')}]; a feature layer must give a vector (or a map to average) per image.`,
    );
  }
  return tf.model({ inputs: model.inputs, outputs: output, name: 'backbone' });
}

/** Frees the weights of `full`'s layers that the feature model does not use (a dropped classifier). */
export function disposeDroppedLayers(full: tf.LayersModel, kept: tf.LayersModel): void {
  const used = new Set(kept.layers.flatMap((layer) => layer.weights.map((weight) => weight.id)));
  for (const layer of full.layers) {
    if (layer.weights.length > 0 && layer.weights.every((weight) => !used.has(weight.id))) layer.dispose();
  }
}
