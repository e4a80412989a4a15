import * as tf from '@tensorflow/tfjs';
import type { LabeledImages } from '../data/labeled-images';
import { compileNetwork } from '../inference/compile-network';
import { forwardProbabilities, type Network } from '../inference/forward-pass';
import type { SampleOutcomes } from '../metrics/top-losses';
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

/** The one evaluation result: what the model answered for every sample. */
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
 * Runs `model` over every image of `data` (uint8, the model's input size) in batches and records,
 * per sample, the predicted unit, its probability and the probability of the true class. This is
 * the one evaluation: `glyph eval`'s report is built from its outcomes, and training's validation
 * and test accuracy summarise them (`summarizeOutcomes`). Check shapes first (`planEvaluation`) when
 * model and data did not come from the same training run. The network runs compiled for inference
 * when its layers allow (its weights must not change during the call); logits are softmaxed.
 * Allocates no tensors that outlive a batch.
 */
export async function evaluateModel(
  model: tf.LayersModel,
  data: LabeledImages,
  options: EvaluateModelOptions = {},
): Promise<ModelOutcomes> {
  const started = Date.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 256));
  const classMap = options.classMap;
  const trueClasses = Int32Array.from(data.labels, (k) => (classMap === undefined ? k : classMap[k]));
  const outputShape = model.outputs[0].shape;
  const units = outputShape[outputShape.length - 1] ?? 0;
  const outcomes = {
    trueClasses,
    predictedClasses: new Int32Array(data.count),
    confidences: new Float32Array(data.count),
    trueProbabilities: new Float32Array(data.count),
    probabilities: options.keepProbabilities ? new Float32Array(data.count * units) : undefined,
  };
  const imageShape = [data.height, data.width, data.channels] as const;
  const valuesPerImage = data.width * data.height * data.channels;
  const compiled = compileNetwork(model);
  try {
    for (let start = 0; start < data.count; start += batchSize) {
      const count = Math.min(batchSize, data.count - start);
      const x = toFloatBatch(data.images, start, count, valuesPerImage);
      await runBatch(compiled ?? model, units, imageShape, x, start, count, outcomes);
      options.onProgress?.(start + count, data.count);
    }
  } finally {
    compiled?.dispose();
  }
  return { ...outcomes, evaluateMs: Date.now() - started };
}

type Outcomes = Omit<ModelOutcomes, 'evaluateMs'>;

/** One batch's answers into `out` at `start`; `x` is `count` images of `imageShape`, float32. */
async function runBatch(
  network: Network,
  units: number,
  imageShape: readonly [number, number, number],
  x: Float32Array,
  start: number,
  count: number,
  out: Outcomes,
): Promise<void> {
  const tensors = tf.tidy(() => {
    const probabilities = forwardProbabilities(network, tf.tensor4d(x, [count, ...imageShape]));
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
