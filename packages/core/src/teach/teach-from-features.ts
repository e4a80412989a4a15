import type * as tf from '@tensorflow/tfjs';
import type { Augmenter } from '../augment/augmenter';
import type { LabeledImages } from '../data/labeled-images';
import { assembleTransferModel, createHead } from '../transfer/assemble';
import { cacheFeatures, type FeatureCache } from '../transfer/feature-cache';
import { splitBackbone } from '../transfer/split-backbone';
import { trainPhase } from '../transfer/train-head';
import { throwIfCancelled } from './cancel';
import { cloneModel, disposeWeights } from './clone-model';
import { cutClassifier } from './cut-classifier';
import type { ProgressReporter } from './progress';
import type { CancelSignal, TeachEpoch } from './teach-types';

export interface FeatureRecipe {
  readonly epochs: number;
  /** Augmented copies of each training sample computed once through the frozen layers. */
  readonly views: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Rate of the base's top layers (above its last pooling); 0 keeps them frozen. */
  readonly upperRate: number;
  readonly dropout: number;
}

export const featureRecipe: FeatureRecipe = {
  epochs: 40,
  views: 24,
  batchSize: 16,
  learningRate: 0.004,
  upperRate: 0.0005,
  dropout: 0.25,
};

export interface TrainedModel {
  readonly model: tf.LayersModel;
  readonly history: TeachEpoch[];
  readonly recipe: Readonly<Record<string, unknown>>;
}

/**
 * A new classifier on a copy of `base`'s features: its lower layers frozen (activations cached once
 * per sample and augmented view), its top layers tuned at a low rate, a fresh softmax head over the
 * new labels. `base` itself is never changed.
 */
export async function teachFromFeatures(
  base: tf.LayersModel,
  train: LabeledImages,
  holdout: LabeledImages,
  options: {
    readonly recipe: FeatureRecipe;
    readonly augmenter: Augmenter;
    readonly seed: number;
    readonly signal?: CancelSignal;
    readonly progress: ProgressReporter;
  },
): Promise<TrainedModel> {
  const { recipe, signal, progress } = options;
  const copy = await cloneModel(base);
  const head = createHead(train.classNames.length, options.seed);
  try {
    const parts = cutClassifier(copy);
    const split = splitBackbone(parts.backbone, recipe.upperRate > 0 ? parts.tuneFrom : undefined);
    const total = train.count * (recipe.views + 1) + holdout.count;
    const trainCache = await cacheFeatures(split.lower, train, {
      views: recipe.views + 1,
      augmenter: options.augmenter,
      seed: options.seed,
      onProgress: (done) => {
        throwIfCancelled(signal);
        progress.preparing(done, total);
      },
    });
    const holdoutCache: FeatureCache | undefined =
      holdout.count > 0
        ? await cacheFeatures(split.lower, holdout, { views: 1, seed: options.seed })
        : undefined;
    throwIfCancelled(signal);
    const history: TeachEpoch[] = [];
    await trainPhase(
      split.upper,
      head,
      {
        train: trainCache,
        trainLabels: train.labels,
        ...(holdoutCache && { validation: holdoutCache, validationLabels: holdout.labels }),
      },
      {
        epochs: recipe.epochs,
        batchSize: recipe.batchSize,
        learningRate: recipe.learningRate,
        upperRate: recipe.upperRate,
        seed: options.seed,
        dropout: recipe.dropout,
        firstEpoch: 1,
        onBatch: (step, steps) => {
          throwIfCancelled(signal);
          progress.training(step, steps, history.length);
        },
        onEpoch: (logs) => {
          history.push({
            epoch: logs.epoch,
            loss: logs.loss,
            accuracy: logs.accuracy,
            ...(logs.valAccuracy !== undefined && { validationAccuracy: logs.valAccuracy }),
          });
          const steps = Math.ceil(train.count / recipe.batchSize);
          progress.training(logs.epoch * steps, recipe.epochs * steps, logs.epoch, {
            loss: logs.loss,
            accuracy: logs.accuracy,
            ...(logs.valAccuracy !== undefined && { validationAccuracy: logs.valAccuracy }),
          });
        },
      },
    );
    // A fresh, independent model: the copy's unused softmax layer and the training graph go away.
    const model = await cloneModel(assembleTransferModel(parts.backbone, head));
    return { model, history, recipe: { ...recipe, base: 'features', tuneFrom: parts.tuneFrom ?? null } };
  } finally {
    disposeWeights([copy, head]);
  }
}
