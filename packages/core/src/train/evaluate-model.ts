import * as tf from '@tensorflow/tfjs';
import type { LabeledImages } from '../data/labeled-images';
import { fillBatch } from './batch-builder';
import { batchAccuracy, sparseCrossEntropy } from './gradients';

export interface EvaluationResult {
  /** Mean cross-entropy over all images. */
  readonly loss: number;
  readonly accuracy: number;
  readonly count: number;
}

/**
 * Loss and accuracy of `model` (inference mode: no dropout, batch-norm moving statistics) on every
 * image of `set`, in batches of `batchSize` so memory stays bounded.
 */
export async function evaluateModel(
  model: tf.LayersModel,
  set: LabeledImages,
  batchSize = 256,
): Promise<EvaluationResult> {
  const imageSize = set.width * set.height * set.channels;
  const x = new Float32Array(batchSize * imageSize);
  const labels = new Int32Array(batchSize);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < set.count; start += batchSize) {
    const size = Math.min(batchSize, set.count - start);
    fillBatch(set, null, start, size, x, labels);
    const [loss, accuracy] = tf.tidy(() => {
      const xs = tf.tensor4d(x.subarray(0, size * imageSize), [size, set.height, set.width, set.channels]);
      const ys = tf.tensor1d(labels.subarray(0, size), 'int32');
      const probabilities = model.predict(xs) as tf.Tensor2D;
      return [sparseCrossEntropy(probabilities, ys), batchAccuracy(probabilities, ys)];
    });
    const [lossValue, accuracyValue] = await Promise.all([loss.data(), accuracy.data()]);
    tf.dispose([loss, accuracy]);
    lossSum += lossValue[0] * size;
    correct += Math.round(accuracyValue[0] * size);
  }
  return {
    loss: set.count === 0 ? Number.NaN : lossSum / set.count,
    accuracy: set.count === 0 ? Number.NaN : correct / set.count,
    count: set.count,
  };
}
