import * as tf from '@tensorflow/tfjs';
import type { LabeledImages } from '../data/labeled-images';
import { buildEvaluationReport } from '../metrics/build-report';
import type { EvaluationReport } from '../metrics/evaluation-report';
import { classifyBatch } from '../recognize/classify';

export interface SetAnswers {
  /** Top-1 class per image. */
  readonly predicted: Int32Array;
  /** Class probabilities, `count × classes`, row-major. */
  readonly probabilities: Float32Array;
}

/** The model's answers on every image of `set` (uint8 model input), in batches. */
export async function answerSet(
  model: tf.LayersModel,
  set: LabeledImages,
  batchSize = 128,
): Promise<SetAnswers> {
  const size = set.width * set.height * set.channels;
  const shape = { width: set.width, height: set.height, channels: set.channels };
  const predicted = new Int32Array(set.count);
  let probabilities = new Float32Array(0);
  for (let start = 0; start < set.count; start += batchSize) {
    const end = Math.min(set.count, start + batchSize);
    const inputs = Array.from({ length: end - start }, (_, k) =>
      Float32Array.from(set.images.subarray((start + k) * size, (start + k + 1) * size), (v) => v / 255),
    );
    const rows = await classifyBatch(model, inputs, shape);
    if (probabilities.length === 0 && rows.length > 0)
      probabilities = new Float32Array(set.count * rows[0].length);
    rows.forEach((row, k) => {
      probabilities.set(row, (start + k) * row.length);
      predicted[start + k] = row.indexOf(Math.max(...row));
    });
  }
  return { predicted, probabilities };
}

/** The evaluation report of `model` on the held-out samples (n = 0 when none were held out). */
export async function holdoutReport(
  model: tf.LayersModel,
  holdout: LabeledImages,
  about: { readonly id: string; readonly name: string; readonly holdoutFraction: number },
): Promise<EvaluationReport> {
  const started = tf.util.now();
  const { predicted, probabilities } = await answerSet(model, holdout);
  const evaluateMs = tf.util.now() - started;
  const classes = holdout.classNames.length;
  const pick = (row: number, k: number) => probabilities[row * classes + k] ?? 0;
  return buildEvaluationReport({
    model: {
      id: about.id,
      name: about.name,
      labels: holdout.classNames,
      input: { width: holdout.width, height: holdout.height, channels: holdout.channels },
    },
    dataset: {
      spec: 'teach',
      name: holdout.name,
      partition: {
        kind: 'holdout',
        holdoutFraction: about.holdoutFraction,
        statement: `These numbers come from ${holdout.count} of the taught samples held out per class (about ${Math.round(about.holdoutFraction * 100)}%, chosen at random with a seed) and never used in training.`,
      },
      notes: [],
    },
    outcomes: {
      trueClasses: holdout.labels,
      predictedClasses: predicted,
      confidences: Float32Array.from(predicted, (p, i) => pick(i, p)),
      trueProbabilities: Float32Array.from(holdout.labels, (t, i) => pick(i, t)),
    },
    timing: {
      evaluateMs,
      imagesPerSecond: holdout.count > 0 ? holdout.count / Math.max(1e-3, evaluateMs / 1000) : 0,
    },
  });
}
