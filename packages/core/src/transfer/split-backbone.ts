import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '../errors/glyph-error';

/** A backbone cut in two for fine-tuning: a frozen lower model, and the top layers as a chain. */
export interface SplitBackbone {
  /** Image → the activations the top layers start from (the whole backbone when nothing is tuned). */
  readonly lower: tf.LayersModel;
  /** The top layers in order, each with one input; empty when only the head trains. */
  readonly upper: readonly tf.layers.Layer[];
}

/**
 * Splits `backbone` after the layer `from`: the layers between it and the output must form a chain
 * (one input each), as the top of MobileNetV2 does (1×1 conv, batch norm, ReLU6, pooling). No
 * `from`: nothing above the features is trained.
 */
export function splitBackbone(backbone: tf.LayersModel, from: string | undefined): SplitBackbone {
  if (from === undefined) return { lower: backbone, upper: [] };
  const upper: tf.layers.Layer[] = [];
  let layer = backbone.layers[backbone.layers.length - 1];
  while (layer.name !== from) {
    const inbound = layer.inboundNodes[0]?.inboundLayers ?? [];
    if (inbound.length !== 1) {
      throw new GlyphError(
        'MODEL_INVALID',
        `Cannot fine-tune this backbone from "${from}": layer "${layer.name}" has ${inbound.length} inputs, so the layers above "${from}" are not a chain. Train the head only (--fine-tune 0).`,
      );
    }
    upper.unshift(layer);
    layer = inbound[0];
  }
  const lower = tf.model({ inputs: backbone.inputs, outputs: layer.output as tf.SymbolicTensor });
  return { lower, upper };
}

/** The upper layers applied in inference mode (batch norm keeps its moving statistics). */
export function applyUpper(upper: readonly tf.layers.Layer[], x: tf.Tensor): tf.Tensor {
  return upper.reduce((tensor, layer) => layer.apply(tensor, { training: false }) as tf.Tensor, x);
}
