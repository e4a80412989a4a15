import * as tf from '@tensorflow/tfjs';
import { characterAugmenter } from '../augment/character-augmenter';
import type { LabeledImages } from '../data/labeled-images';
import { concatImages, repeatImages } from '../data/select-images';
import { GlyphError } from '../errors/glyph-error';
import { parseModelMetadata } from '../model/parse-metadata';
import type { ModelMetadata } from '../model/metadata';
import { cacheFeatures } from '../transfer/feature-cache';
import { splitBackbone } from '../transfer/split-backbone';
import { trainPhase } from '../transfer/train-head';
import { throwIfCancelled } from './cancel';
import { personalizeRecipe, type PersonalizeRecipe } from './personalize-recipe';
import { cloneModel, disposeWeights } from './clone-model';
import { cutClassifier } from './cut-classifier';
import { evaluateModel } from '../evaluate/evaluate-model';
import { prepareSamples } from './prepare-samples';
import { progressReporter } from './progress';
import type { PersonalizeOptions, PersonalizeResult, TeachBase, TeachSample } from './teach-types';

/**
 * Fine-tunes a copy of `base` on a user's corrections (raw drawings labelled with the right answer):
 * same labels and preprocessing, a new version. `base` is left untouched.
 */
export async function personalize(
  base: TeachBase,
  corrections: readonly TeachSample[],
  options: PersonalizeOptions = {},
): Promise<PersonalizeResult> {
  const started = tf.util.now();
  const recipe: PersonalizeRecipe = {
    ...personalizeRecipe,
    ...options.recipe,
    ...(options.epochs !== undefined && { epochs: options.epochs }),
  };
  const seed = options.seed ?? 1;
  const { metadata } = base;
  const progress = progressReporter(recipe.epochs, options.onProgress);
  progress.preparing(0, 1);
  const { set, droppedEmpty } = prepareSamples(
    corrections,
    metadata.labels,
    metadata.preprocessing,
    metadata.input,
    `corrections:${metadata.id}`,
  );
  if (set.count === 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      'None of the corrections holds any ink: there is nothing to learn from.',
    );
  }
  if (options.rehearsal) checkRehearsal(options.rehearsal, metadata);
  const before = await scoreOn(base.model, set);
  const copy = await cloneModel(base.model);
  let kept = false;
  try {
    const parts = cutClassifier(copy);
    const split = splitBackbone(parts.backbone, recipe.tuneTop ? parts.tuneFrom : undefined);
    const shown = options.rehearsal
      ? concatImages([repeatImages(set, recipe.repeats), options.rehearsal], set.name)
      : repeatImages(set, recipe.repeats);
    const total = shown.count * (recipe.views + 1);
    const cache = await cacheFeatures(split.lower, shown, {
      views: recipe.views + 1,
      augmenter: characterAugmenter(),
      seed,
      onProgress: (done) => {
        throwIfCancelled(options.signal);
        progress.preparing(done, total);
      },
    });
    const history = await trainPhase(
      split.upper,
      parts.output,
      { train: cache, trainLabels: shown.labels },
      {
        ...recipe,
        upperRate: recipe.tuneTop ? recipe.upperRate : 0,
        seed,
        firstEpoch: 1,
        onBatch: (step, steps) => {
          throwIfCancelled(options.signal);
          progress.training(step, steps, Math.floor((step * recipe.epochs) / steps));
        },
      },
    );
    throwIfCancelled(options.signal);
    progress.evaluating();
    const after = await scoreOn(copy, set);
    const last = history[history.length - 1];
    const personalized = personalizedMetadata(metadata, {
      corrections: set.count,
      droppedEmpty,
      rehearsal: options.rehearsal?.count ?? 0,
      before,
      after,
      seconds: Math.round((tf.util.now() - started) / 100) / 10,
      seed,
      recipe,
    });
    options.onProgress?.({
      stage: 'evaluating',
      epoch: recipe.epochs,
      epochs: recipe.epochs,
      fraction: 1,
      ...(last && { loss: last.loss, accuracy: last.accuracy }),
    });
    kept = true;
    return { model: copy, metadata: personalized, before, after };
  } finally {
    if (!kept) disposeWeights([copy]);
  }
}

async function scoreOn(
  model: tf.LayersModel,
  set: LabeledImages,
): Promise<{ correct: number; total: number }> {
  const { predictedClasses, trueClasses } = await evaluateModel(model, set, { batchSize: 128 });
  const correct = predictedClasses.reduce((sum, p, i) => sum + (p === trueClasses[i] ? 1 : 0), 0);
  return { correct, total: set.count };
}

function checkRehearsal(rehearsal: LabeledImages, metadata: ModelMetadata): void {
  const { input } = metadata;
  if (
    rehearsal.width !== input.width ||
    rehearsal.height !== input.height ||
    rehearsal.channels !== input.channels
  ) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `The rehearsal images are ${rehearsal.width}×${rehearsal.height}×${rehearsal.channels}, but ${metadata.id} reads ${input.width}×${input.height}×${input.channels}: rehearse with the model's own input.`,
    );
  }
  const unknown = rehearsal.classNames.filter((name) => !metadata.labels.includes(name));
  if (unknown.length > 0) {
    throw new GlyphError(
      'LABEL_UNKNOWN',
      `The rehearsal images include labels ${unknown.join(', ')}, which ${metadata.id} does not have.`,
    );
  }
}

function nextVersion(version: string): string {
  return /^\d+$/.test(version) ? String(Number(version) + 1) : `${version}.1`;
}

function personalizedMetadata(
  metadata: ModelMetadata,
  facts: {
    corrections: number;
    droppedEmpty: number;
    rehearsal: number;
    before: { correct: number; total: number };
    after: { correct: number; total: number };
    seconds: number;
    seed: number;
    recipe: Readonly<Record<string, unknown>>;
  },
): ModelMetadata {
  return parseModelMetadata(
    {
      ...metadata,
      metrics: {
        ...metadata.metrics,
        note: `Measured on version ${metadata.version}, before personalization from ${facts.corrections} corrections.`,
      },
      training: {
        ...metadata.training,
        backend: tf.getBackend(),
        personalization: {
          from: { id: metadata.id, version: metadata.version },
          corrections: facts.corrections,
          droppedEmpty: facts.droppedEmpty,
          rehearsal: facts.rehearsal,
          correctBefore: facts.before.correct,
          correctAfter: facts.after.correct,
          seconds: facts.seconds,
          seed: facts.seed,
          ...facts.recipe,
        },
      },
      createdAt: new Date().toISOString(),
      version: nextVersion(metadata.version),
    },
    metadata.id,
  );
}
