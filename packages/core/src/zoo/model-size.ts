import type * as tf from '@tensorflow/tfjs';

/** Parameter count and float32 weight bytes of a model (trainable and non-trainable weights). */
export function modelSize(model: tf.LayersModel): { params: number; weightBytes: number } {
  const params = model.weights.reduce(
    (sum, weight) => sum + weight.shape.reduce<number>((product, dim) => product * (dim ?? 1), 1),
    0,
  );
  return { params, weightBytes: params * 4 };
}
