import * as tf from '@tensorflow/tfjs';
import type { CompiledNetwork } from '../inference/compile-network';
import type { InputShape } from '../preprocess/ink-recipes';

/** A Layers model, or the same network compiled for inference (`compileNetwork`). */
export type Network = tf.LayersModel | CompiledNetwork;

/**
 * One forward pass for a batch of prepared inputs (`[height*width*channels]` float32 each) and their
 * class probabilities, one row per input. Networks that end in logits rather than softmax are
 * softmaxed here, so confidences are always probabilities. Allocates no tensor that outlives it.
 */
export async function classifyBatch(
  network: Network,
  inputs: readonly Float32Array[],
  shape: InputShape,
): Promise<Float32Array[]> {
  if (inputs.length === 0) return [];
  const size = shape.width * shape.height * shape.channels;
  const batch = new Float32Array(inputs.length * size);
  inputs.forEach((input, index) => batch.set(input, index * size));
  const output = tf.tidy(() => {
    const x = tf.tensor4d(batch, [inputs.length, shape.height, shape.width, shape.channels]);
    if (!(network instanceof tf.LayersModel) && network.endsInSoftmax) return network.predict(x);
    const y = network.predict(x) as tf.Tensor;
    return looksLikeProbabilities(y) ? y : tf.softmax(y);
  });
  try {
    const values = (await output.data()) as Float32Array;
    const classes = values.length / inputs.length;
    return inputs.map((_, index) => values.slice(index * classes, (index + 1) * classes));
  } finally {
    output.dispose();
  }
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
