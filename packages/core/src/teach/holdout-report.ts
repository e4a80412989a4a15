import type * as tf from '@tensorflow/tfjs';
import type { LabeledImages } from '../data/labeled-images';
import { evaluateModel } from '../evaluate/evaluate-model';
import { buildEvaluationReport } from '../metrics/build-report';
import type { EvaluationReport } from '../metrics/evaluation-report';

/** The evaluation report of `model` on the held-out samples (n = 0 when none were held out). */
export async function holdoutReport(
  model: tf.LayersModel,
  holdout: LabeledImages,
  about: { readonly id: string; readonly name: string; readonly holdoutFraction: number },
): Promise<EvaluationReport> {
  const outcomes = await evaluateModel(model, holdout, { batchSize: 128 });
  const { evaluateMs } = outcomes;
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
    outcomes,
    timing: {
      evaluateMs,
      imagesPerSecond: holdout.count > 0 ? holdout.count / Math.max(1e-3, evaluateMs / 1000) : 0,
    },
  });
}
