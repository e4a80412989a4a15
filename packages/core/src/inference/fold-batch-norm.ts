import * as tf from '@tensorflow/tfjs';

/** A batch-norm layer at inference: y = x·scale + shift per channel (last axis). */
export interface ChannelAffine {
  readonly scale: tf.Tensor1D;
  readonly shift: tf.Tensor1D;
}

interface BatchNormConfig {
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
}

/** A batch-norm layer's moving statistics and parameters as one per-channel affine map. */
export function batchNormAffine(layer: tf.layers.Layer): ChannelAffine {
  const config = layer.getConfig() as unknown as BatchNormConfig;
  const weight = (suffix: string): tf.Tensor1D | undefined => {
    const variable = layer.weights.find((w) => w.originalName.endsWith(suffix));
    return variable?.read() as tf.Tensor1D | undefined;
  };
  const mean = weight('moving_mean');
  const variance = weight('moving_variance');
  if (!mean || !variance) throw new Error(`${layer.name}: batch norm without moving statistics`);
  return tf.tidy(() => {
    const gamma = config.scale ? weight('gamma') : undefined;
    const beta = config.center ? weight('beta') : undefined;
    let scale = tf.rsqrt(tf.add(variance, config.epsilon)) as tf.Tensor1D;
    if (gamma) scale = tf.mul(scale, gamma);
    let shift = tf.neg(tf.mul(mean, scale)) as tf.Tensor1D;
    if (beta) shift = tf.add(shift, beta);
    return { scale, shift };
  });
}

/**
 * Folds a per-output-channel affine map into the weights before it: `kernel` has output channels on
 * its last axis (a conv filter [kh, kw, ci, co] or a dense kernel [in, out]). Returns new tensors.
 */
export function foldAffine<T extends tf.Tensor>(
  kernel: T,
  bias: tf.Tensor1D | undefined,
  affine: ChannelAffine,
): { kernel: T; bias: tf.Tensor1D } {
  return tf.tidy(() => ({
    kernel: tf.mul(kernel, affine.scale) as T,
    bias: (bias ? tf.add(tf.mul(bias, affine.scale), affine.shift) : affine.shift.clone()) as tf.Tensor1D,
  }));
}
