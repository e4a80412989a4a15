import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '../errors/glyph-error';

/** A classifier taken apart for few-shot training. */
export interface ClassifierParts {
  /** Image → the features the softmax layer reads (the whole network but that layer). */
  readonly backbone: tf.LayersModel;
  /** The final softmax layer. */
  readonly output: tf.layers.Layer;
  /**
   * Where the trainable top of the backbone starts: the last pooling layer below the features, when
   * the layers above it form a chain (glyphnet: block2_pool, leaving block3 + global pooling to tune).
   */
  readonly tuneFrom?: string;
}

const poolingClasses = new Set(['MaxPooling2D', 'AveragePooling2D']);

/**
 * Splits a character classifier (any single-input network ending in a softmax Dense layer) into its
 * feature backbone and output layer, sharing `model`'s layers and weights.
 */
export function cutClassifier(model: tf.LayersModel): ClassifierParts {
  const output = model.layers[model.layers.length - 1];
  const inbound = output.inboundNodes[0]?.inboundLayers ?? [];
  if (output.getClassName() !== 'Dense' || inbound.length !== 1 || model.inputs.length !== 1) {
    throw new GlyphError(
      'MODEL_INVALID',
      `Cannot teach from this model: it must have one input and end in one Dense softmax layer (its last layer "${output.name}" is a ${output.getClassName()}).`,
    );
  }
  const features = inbound[0];
  const backbone = tf.model({ inputs: model.inputs, outputs: features.output as tf.SymbolicTensor });
  return { backbone, output, tuneFrom: lastPoolingBelow(features) };
}

function lastPoolingBelow(top: tf.layers.Layer): string | undefined {
  let layer = top;
  for (;;) {
    const inbound = layer.inboundNodes[0]?.inboundLayers ?? [];
    if (inbound.length !== 1) return undefined;
    layer = inbound[0];
    if (poolingClasses.has(layer.getClassName())) return layer.name;
  }
}
