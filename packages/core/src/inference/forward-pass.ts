import * as tf from '@tensorflow/tfjs';
import type { CompiledNetwork } from './compile-network';

/** A Layers model, or the same network compiled for inference (`compileNetwork`). */
export type Network = tf.LayersModel | CompiledNetwork;

/**
 * The class probabilities of one forward pass, `[batch, classes]`: the network's output when it
 * ends in softmax (or its rows already are probabilities), else its softmax, so confidences are
 * always probabilities. The one forward pass evaluation and recognition share; run it inside
 * `tf.tidy`. `x`: `[batch, height, width, channels]` float32 model input.
 */
export function forwardProbabilities(network: Network, x: tf.Tensor): tf.Tensor2D {
  return asProbabilities(network, network.predict(x) as tf.Tensor2D);
}

/** `output` of `network` as probabilities: itself when it already is, else its softmax. */
export function asProbabilities(network: Network, output: tf.Tensor2D): tf.Tensor2D {
  const endsInSoftmax = !(network instanceof tf.LayersModel) && network.endsInSoftmax;
  return endsInSoftmax || looksLikeProbabilities(output) ? output : tf.softmax(output);
}

/** Rows that are non-negative and sum to 1 are already softmax output. */
function looksLikeProbabilities(y: tf.Tensor): boolean {
  return tf.tidy(() => {
    const rows = y.reshape([y.shape[0] ?? 1, -1]);
    const nonNegative = rows.min().dataSync()[0] >= 0;
    const sumsOff = rows.sum(1).sub(1).abs().max().dataSync()[0];
    return nonNegative && sumsOff < 1e-3;
  });
}
