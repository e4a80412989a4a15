import * as tf from '@tensorflow/tfjs';
import type { LabeledImages } from '../data/labeled-images';
import { compileNetwork, type CompiledNetwork } from '../inference/compile-network';
import type { SampleOutcomes } from '../metrics/top-losses';
import type { ModelShape } from './model-shape';
import { toFloatBatch } from './to-float-batch';

export interface EvaluateModelOptions {
  /** Images per forward pass (default 256). */
  readonly batchSize?: number;
  /** Dataset class index → model output unit (from `mapClassesToLabels`); identity when absent. */
  readonly classMap?: Int32Array;
  /** Also return every probability, `[count × outputUnits]` row-major (memory: 4 bytes each). */
  readonly keepProbabilities?: boolean;
  /** Called after each batch with the number of images done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ModelOutcomes extends SampleOutcomes {
  readonly trueClasses: Int32Array;
  readonly predictedClasses: Int32Array;
  readonly confidences: Float32Array;
  readonly trueProbabilities: Float32Array;
  readonly probabilities?: Float32Array;
  /** Wall time of the forward passes, conversion included. */
  readonly evaluateMs: number;
}

/**
 * Runs `model` (softmax output) over every image of `data` in batches and records, per sample, the
 * predicted unit, its probability and the probability of the true class. Check shapes first with
 * `assertDataFitsModel`. The network runs compiled for inference when its layers allow (its weights
 * must not change during the call). Allocates no tensors that outlive a batch.
 */
export async function evaluateModel(
  model: tf.LayersModel,
  shape: ModelShape,
  data: LabeledImages,
  options: EvaluateModelOptions = {},
): Promise<ModelOutcomes> {
  const started = Date.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 256));
  const units = shape.outputUnits;
  const classMap = options.classMap;
  const trueClasses = Int32Array.from(data.labels, (k) => (classMap === undefined ? k : classMap[k]));
  const outcomes = {
    trueClasses,
    predictedClasses: new Int32Array(data.count),
    confidences: new Float32Array(data.count),
    trueProbabilities: new Float32Array(data.count),
    probabilities: options.keepProbabilities ? new Float32Array(data.count * units) : undefined,
  };
  const valuesPerImage = data.width * data.height * data.channels;
  const compiled = compileNetwork(model);
  try {
    for (let start = 0; start < data.count; start += batchSize) {
      const count = Math.min(batchSize, data.count - start);
      const x = toFloatBatch(data.images, start, count, valuesPerImage);
      await runBatch(compiled ?? model, shape, x, start, count, outcomes);
      options.onProgress?.(start + count, data.count);
    }
  } finally {
    compiled?.dispose();
  }
  return { ...outcomes, evaluateMs: Date.now() - started };
}

type Outcomes = Omit<ModelOutcomes, 'evaluateMs'>;

async function runBatch(
  network: tf.LayersModel | CompiledNetwork,
  shape: ModelShape,
  x: Float32Array,
  start: number,
  count: number,
  out: Outcomes,
): Promise<void> {
  const units = shape.outputUnits;
  const tensors = tf.tidy(() => {
    const input = tf.tensor(x, [count, ...shape.inputDims], 'float32');
    const probabilities = network.predict(input) as tf.Tensor2D;
    const truth = tf.oneHot(tf.tensor1d(out.trueClasses.subarray(start, start + count), 'int32'), units);
    return {
      predicted: tf.argMax(probabilities, 1),
      confidence: tf.max(probabilities, 1),
      trueProbability: tf.sum(tf.mul(probabilities, truth), 1),
      probabilities: out.probabilities === undefined ? undefined : probabilities,
    };
  });
  try {
    const [predicted, confidence, trueProbability, probabilities] = await Promise.all([
      tensors.predicted.data(),
      tensors.confidence.data(),
      tensors.trueProbability.data(),
      tensors.probabilities?.data(),
    ]);
    out.predictedClasses.set(predicted, start);
    out.confidences.set(confidence, start);
    out.trueProbabilities.set(trueProbability, start);
    if (probabilities !== undefined) out.probabilities?.set(probabilities, start * units);
  } finally {
    tf.dispose([tensors.predicted, tensors.confidence, tensors.trueProbability]);
    tensors.probabilities?.dispose();
  }
}
