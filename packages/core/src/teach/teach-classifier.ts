import * as tf from '@tensorflow/tfjs';
import { characterAugmenter } from '../augment/character-augmenter';
import { photoAugmenter } from '../augment/photo-augmenter';
import type { Augmenter } from '../augment/augmenter';
import { selectImages } from '../data/select-images';
import { GlyphError } from '../errors/glyph-error';
import type { PreprocessingSpec } from '../model/metadata';
import { modelMetadataSchema } from '../model/metadata';
import { throwIfCancelled } from './cancel';
import { holdoutReport } from './holdout-report';
import { prepareSamples } from './prepare-samples';
import { progressReporter } from './progress';
import { stratifiedHoldout } from './stratified-holdout';
import { featureRecipe, teachFromFeatures } from './teach-from-features';
import { scratchRecipe, teachFromScratch } from './teach-from-scratch';
import { teachMetadata } from './teach-metadata';
import type { TeachOptions, TeachResult, TeachSample } from './teach-types';

const defaultHoldoutFraction = 0.2;
const defaultSeed = 1;
const scratchInput = { width: 28, height: 28, channels: 1 } as const;
const scratchPreprocessing: PreprocessingSpec = { kind: 'ink-mnist' };

/**
 * Few-shot training of a new character classifier from raw drawings (about 10 per class): each
 * sample is preprocessed as `glyph predict` will, a stratified share is held out for the report, the
 * rest trains with augmentation — on a copy of `options.base`'s features when given, else a small
 * CNN from scratch. Pure core code: runs unchanged in a browser worker and in Node.
 */
export async function teachClassifier(
  samples: readonly TeachSample[],
  options: TeachOptions,
): Promise<TeachResult> {
  const started = tf.util.now();
  checkOptions(options);
  const seed = options.seed ?? defaultSeed;
  const holdoutFraction = options.holdoutFraction ?? defaultHoldoutFraction;
  const base = options.base;
  const input = base?.metadata.input ?? scratchInput;
  const preprocessing = base?.metadata.preprocessing ?? scratchPreprocessing;
  const epochs = options.epochs ?? (base ? featureRecipe.epochs : scratchRecipe.epochs);
  const progress = progressReporter(epochs, options.onProgress);
  progress.preparing(0, 1);
  const prepared = prepareSamples(samples, options.labels, preprocessing, input, `teach:${options.id}`);
  throwIfCancelled(options.signal);
  checkEveryClass(prepared.set.labels, options.labels);
  const split = stratifiedHoldout(prepared.set.labels, holdoutFraction, seed);
  const train = selectImages(prepared.set, split.train, `teach:${options.id}:train`);
  const holdout = selectImages(prepared.set, split.holdout, `teach:${options.id}:holdout`);
  const augmenter = augmenterFor(preprocessing);
  const trained = base
    ? await teachFromFeatures(base.model, train, holdout, {
        recipe: { ...featureRecipe, epochs },
        augmenter,
        seed,
        signal: options.signal,
        progress,
      })
    : await teachFromScratch(train, holdout, {
        recipe: { ...scratchRecipe, epochs },
        augmenter,
        seed,
        signal: options.signal,
        progress,
      });
  try {
    throwIfCancelled(options.signal);
    progress.evaluating();
    const report = await holdoutReport(trained.model, holdout, {
      id: options.id,
      name: options.name,
      holdoutFraction,
    });
    const last = trained.history[trained.history.length - 1];
    const metadata = teachMetadata({
      id: options.id,
      name: options.name,
      labels: options.labels,
      preprocessing,
      trained: train,
      holdout,
      holdoutFraction,
      accuracy: holdout.count > 0 ? report.accuracy : (last?.accuracy ?? 0),
      evaluatedOn: holdout.count > 0 ? 'teach-holdout' : 'teach-training',
      training: {
        ...trained.recipe,
        epochs: trained.history.length,
        seconds: round((tf.util.now() - started) / 1000),
        seed,
        augment: preprocessing.kind === 'photo' ? 'photo' : 'character',
        ...(base && { init: `${base.metadata.id} version ${base.metadata.version} (its features)` }),
      },
      notes: notesOf(samples.length, prepared.droppedEmpty, train.count, holdout.count),
      createdAt: new Date().toISOString(),
      version: '1',
      model: trained.model,
    });
    options.onProgress?.({
      ...progressFigures(trained.history),
      stage: 'evaluating',
      epoch: epochs,
      epochs,
      fraction: 1,
    });
    return { model: trained.model, metadata, report, history: trained.history };
  } catch (error) {
    trained.model.dispose();
    throw error;
  }
}

function checkOptions(options: TeachOptions): void {
  const id = modelMetadataSchema.shape.id.safeParse(options.id);
  if (!id.success) {
    throw new GlyphError(
      'BAD_USAGE',
      `"${options.id}" cannot be a model id: use lower-case letters, digits, dot, dash and underscore, starting with a letter or digit.`,
    );
  }
  if (new Set(options.labels).size !== options.labels.length || options.labels.length < 2) {
    throw new GlyphError(
      'BAD_USAGE',
      `A model needs at least two different labels, each listed once (got ${JSON.stringify(options.labels)}).`,
    );
  }
  if (options.base && options.base.metadata.task !== 'character') {
    throw new GlyphError(
      'BAD_USAGE',
      `Teaching starts from a character model; ${options.base.metadata.id} is a ${options.base.metadata.task} model.`,
    );
  }
}

function checkEveryClass(labels: Int32Array, names: readonly string[]): void {
  const counts = new Array<number>(names.length).fill(0);
  labels.forEach((label) => counts[label]++);
  const missing = names.filter((_, i) => counts[i] === 0);
  if (missing.length > 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      `No drawing with ink for ${missing.map((name) => `"${name}"`).join(', ')}: draw a few samples of every label (about 10 each) before training.`,
    );
  }
}

function augmenterFor(spec: PreprocessingSpec): Augmenter {
  return spec.kind === 'photo' ? photoAugmenter() : characterAugmenter();
}

function notesOf(given: number, droppedEmpty: number, trained: number, heldOut: number): string[] {
  return [
    `Taught from ${given} samples: ${trained} trained on, ${heldOut} held out for the report (stratified per label).`,
    ...(droppedEmpty > 0 ? [`${droppedEmpty} samples held no ink and were left out.`] : []),
  ];
}

function progressFigures(history: TeachResult['history']): {
  loss?: number;
  accuracy?: number;
  validationAccuracy?: number;
} {
  const last = history[history.length - 1];
  if (last === undefined) return {};
  return {
    loss: last.loss,
    accuracy: last.accuracy,
    ...(last.validationAccuracy !== undefined && { validationAccuracy: last.validationAccuracy }),
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}
