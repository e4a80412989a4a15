import * as tf from '@tensorflow/tfjs';

/** Keras' clip: keeps log() finite when the softmax saturates. */
export const probabilityEpsilon = 1e-7;

/**
 * Mean sparse categorical cross-entropy of softmax outputs.
 * `probabilities`: `[batch, numClasses]` in [0,1]; `labels`: `[batch]` int32 class indices.
 */
export function sparseCrossEntropy(probabilities: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const numClasses = probabilities.shape[1];
    const picked = tf.sum(tf.mul(probabilities, tf.oneHot(labels, numClasses)), 1);
    return tf.neg(tf.mean(tf.log(tf.clipByValue(picked, probabilityEpsilon, 1 - probabilityEpsilon))));
  }) as tf.Scalar;
}

/** Fraction of rows whose arg-max is the label, as a scalar. */
export function batchAccuracy(probabilities: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() =>
    tf.mean(tf.cast(tf.equal(tf.argMax(probabilities, 1), labels), 'float32')),
  ) as tf.Scalar;
}

export interface GradientResult {
  /** One gradient per `model.trainableWeights` entry, same order and shape. */
  readonly gradients: tf.Tensor[];
  readonly loss: tf.Scalar;
  readonly accuracy: tf.Scalar;
}

/**
 * Forward pass in training mode (dropout on, batch-norm on batch statistics and moving averages
 * updated), loss, and gradients of the loss. Gradients come back as a list in
 * `model.trainableWeights` order, not keyed by variable name: a worker's copy of the model names
 * its variables differently, but the order is the same everywhere, so gradients from several
 * workers can be averaged position by position. The caller owns (disposes) every returned tensor.
 * `x`: `[batch, height, width, channels]` float32 in [0,1]; `labels`: `[batch]` int32.
 */
export function computeGradients(model: tf.LayersModel, x: tf.Tensor4D, labels: tf.Tensor1D): GradientResult {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  let accuracy: tf.Scalar | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const probabilities = model.apply(x, { training: true }) as tf.Tensor2D;
    accuracy = tf.keep(batchAccuracy(probabilities, labels));
    return sparseCrossEntropy(probabilities, labels);
  }, variables);
  const gradients = variables.map((variable) => grads[variable.name]);
  if (!accuracy || gradients.some((gradient) => gradient === undefined)) {
    tf.dispose([value, ...Object.values(grads)]);
    if (accuracy) accuracy.dispose();
    throw new Error('variableGrads returned no gradient for a trainable weight');
  }
  return { gradients, loss: value, accuracy };
}

/**
 * One optimizer step with gradients listed in `model.trainableWeights` order (e.g. averaged across
 * workers). Does not dispose `gradients`.
 */
export function applyGradients(
  optimizer: tf.Optimizer,
  model: tf.LayersModel,
  gradients: readonly tf.Tensor[],
): void {
  const weights = model.trainableWeights;
  if (gradients.length !== weights.length) {
    throw new Error(`expected ${weights.length} gradients, got ${gradients.length}`);
  }
  const named: tf.NamedTensorMap = {};
  weights.forEach((weight, index) => {
    named[(weight.read() as tf.Variable).name] = gradients[index];
  });
  optimizer.applyGradients(named);
}
