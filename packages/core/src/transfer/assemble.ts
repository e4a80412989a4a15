import * as tf from '@tensorflow/tfjs';

/**
 * The deployable photo model: the backbone (with its fine-tuned top) and the head as one TF.js
 * LayersModel, image in, class probabilities out — the single artifact Node and the browser load.
 */
export function assembleTransferModel(backbone: tf.LayersModel, head: tf.layers.Layer): tf.LayersModel {
  const output = head.apply(backbone.outputs[0]) as tf.SymbolicTensor;
  return tf.model({ inputs: backbone.inputs, outputs: output, name: 'transfer' });
}

/** A fresh softmax head over `classes`, seeded. */
export function createHead(classes: number, seed: number): tf.layers.Layer {
  return tf.layers.dense({
    units: classes,
    activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    name: 'transfer_head',
  });
}
