import * as tf from '@tensorflow/tfjs';
import { assignFolds } from './folds';
import type { LabeledImages } from '@glyph/core';
import {
  createHead,
  scoreCache,
  trainPhase,
  type FeatureCache,
  type PhaseOptions,
} from '@glyph/core/transfer';

export interface FoldScore {
  readonly fold: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly accuracy: number;
}

export interface CrossValidation {
  readonly folds: readonly FoldScore[];
  readonly meanAccuracy: number;
  readonly stdAccuracy: number;
}

/** Every image's answer from the fold that held it out: what a report of the k folds draws. */
export interface OutOfFold {
  readonly predictedClasses: Int32Array;
  readonly confidences: Float32Array;
  readonly trueProbabilities: Float32Array;
}

export interface CrossValidateInput {
  readonly set: LabeledImages;
  readonly cache: FeatureCache;
  readonly upper: readonly tf.layers.Layer[];
  readonly folds: number;
  readonly phases: readonly Omit<PhaseOptions, 'onEpoch'>[];
  readonly seed: number;
  readonly onFold?: (score: FoldScore) => void;
}

/**
 * k-fold cross-validation on cached activations: each fold trains a fresh head (and the backbone's
 * top, restored to its pretrained weights first) on the other folds' views, then scores the held-out
 * fold's images themselves (view 0). The backbone runs once for all folds.
 */
export async function crossValidate(
  input: CrossValidateInput,
): Promise<{ summary: CrossValidation; outOfFold: OutOfFold }> {
  const { set, cache, upper } = input;
  const assignment = assignFolds(set, input.folds);
  const pretrained = upper.map((layer) => layer.getWeights().map((w) => w.clone()));
  const scores: FoldScore[] = [];
  const classes = set.classNames.length;
  const outOfFold: OutOfFold = {
    predictedClasses: new Int32Array(set.count),
    confidences: new Float32Array(set.count),
    trueProbabilities: new Float32Array(set.count),
  };
  try {
    for (let fold = 0; fold < input.folds; fold++) {
      const trainIdx: number[] = [];
      const testIdx: number[] = [];
      assignment.forEach((f, i) => (f === fold ? testIdx : trainIdx).push(i));
      upper.forEach((layer, k) => layer.setWeights(pretrained[k]));
      const head = createHead(set.classNames.length, input.seed + fold);
      const train = pickRows(cache, trainIdx, cache.views);
      const test = pickRows(cache, testIdx, 1);
      for (const phase of input.phases) {
        await trainPhase(
          upper,
          head,
          { train, trainLabels: pickLabels(set, trainIdx) },
          { ...phase, seed: phase.seed + fold },
        );
      }
      const { accuracy, predicted, probabilities } = scoreCache(upper, head, test, pickLabels(set, testIdx));
      testIdx.forEach((i, k) => {
        outOfFold.predictedClasses[i] = predicted[k];
        outOfFold.confidences[i] = probabilities[k * classes + predicted[k]];
        outOfFold.trueProbabilities[i] = probabilities[k * classes + set.labels[i]];
      });
      head.dispose();
      const score = { fold: fold + 1, trainCount: trainIdx.length, testCount: testIdx.length, accuracy };
      scores.push(score);
      input.onFold?.(score);
    }
  } finally {
    upper.forEach((layer, k) => layer.setWeights(pretrained[k]));
    tf.dispose(pretrained.flat());
  }
  const mean = scores.reduce((sum, s) => sum + s.accuracy, 0) / scores.length;
  const variance =
    scores.reduce((sum, s) => sum + (s.accuracy - mean) ** 2, 0) / Math.max(1, scores.length - 1);
  return { summary: { folds: scores, meanAccuracy: mean, stdAccuracy: Math.sqrt(variance) }, outOfFold };
}

/** The rows of `indices` in their first `views` views, as a cache of its own. */
export function pickRows(cache: FeatureCache, indices: readonly number[], views: number): FeatureCache {
  const size = cache.values.length / (cache.count * cache.views);
  const values = new Float32Array(views * indices.length * size);
  for (let view = 0; view < views; view++) {
    indices.forEach((i, k) => {
      const from = (view * cache.count + i) * size;
      values.set(cache.values.subarray(from, from + size), (view * indices.length + k) * size);
    });
  }
  return { values, shape: cache.shape, count: indices.length, views };
}

function pickLabels(set: LabeledImages, indices: readonly number[]): Int32Array {
  return Int32Array.from(indices, (i) => set.labels[i]);
}
