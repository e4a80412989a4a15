import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GlyphError } from '@glyph/core';
import type { ModelMetadata } from '@glyph/core/model';
import { isArchitectureName } from '@glyph/core/zoo';
import { parseDatasetSpec, splitDatasetSpecs } from '@glyph/node/datasets';
import { readMetadata } from '@glyph/node/model-io';
import type { AugmentKind, PartSampling, PreprocessKind, TrainConfig } from './train-config';

/** "My corrections + the original data": what `glyph retrain` is asked. */
export interface RetrainRequest {
  /** The model to improve; its metadata supplies the original data and training settings. */
  readonly modelDirectory: string;
  /** A `folder:` dataset of corrections, e.g. the server's `data/feedback/digits`. */
  readonly feedbackDirectory: string;
  /** The original data spec; default: the one recorded in the model's metadata. */
  readonly base?: string;
  readonly epochs?: number;
  readonly learningRate?: number;
  /** About this fraction of each epoch's images are corrections (they are repeated to get there). */
  readonly feedbackShare?: number;
  /** Train on a seeded sample of this many images of each original part (quick runs, tests). */
  readonly baseLimit?: number;
  readonly seed?: number;
}

export interface RetrainPlan {
  readonly config: TrainConfig;
  readonly notes: string[];
}

/**
 * Fine-tuning defaults: a few epochs at a quarter or less of a typical from-scratch rate move the
 * weights enough to learn the corrections without unlearning the original data.
 */
export const retrainDefaults = { epochs: 2, learningRate: 0.0005, feedbackShare: 0.02 } as const;

/**
 * The `glyph train` config for "my corrections + the original data": the model's own dataset spec
 * and training settings, the feedback folder as one more part (oversampled to `feedbackShare` of
 * each epoch), `--init` from the model, a low learning rate and few epochs.
 */
export async function planRetrain(request: RetrainRequest): Promise<RetrainPlan> {
  const modelDirectory = resolve(request.modelDirectory);
  const metadata = await readMetadata(modelDirectory);
  const training = metadata.training as Record<string, unknown>;
  const notes: string[] = [];
  const perModel = join(request.feedbackDirectory, metadata.id);
  if (!metadata.labels.includes(metadata.id) && (await isDirectory(perModel))) {
    // The server's feedback root holds one folder per model; its class folders are one level down.
    throw new GlyphError(
      'BAD_USAGE',
      `${request.feedbackDirectory} holds a folder per model; the corrections of ${metadata.id} are in ${perModel}. Pass --feedback ${perModel}.`,
    );
  }
  const feedbackPart = `folder:${request.feedbackDirectory}`;
  const baseParts = await baseDataParts(request, metadata, notes);
  const sampling: Record<string, PartSampling> = {
    [feedbackPart]: { share: request.feedbackShare ?? retrainDefaults.feedbackShare },
  };
  if (request.baseLimit !== undefined) {
    for (const part of baseParts) sampling[part] = { limit: request.baseLimit };
  }
  const model = String(training.model ?? training.architecture ?? '');
  if (!isArchitectureName(model)) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${modelDirectory}/metadata.json names no known architecture (training.model is "${model}"), so it cannot be retrained here. Use glyph train --init with --model.`,
    );
  }
  const config: TrainConfig = {
    dataset: [...baseParts, feedbackPart].join('+'),
    model,
    epochs: request.epochs ?? retrainDefaults.epochs,
    batchSize: numberOr(training.batchSize, 64),
    learningRate: request.learningRate ?? retrainDefaults.learningRate,
    optimizer: training.optimizer === 'sgd' ? 'sgd' : 'adam',
    schedule: 'cosine',
    augment: (typeof training.augment === 'string' ? training.augment : 'none') as AugmentKind,
    valSplit: numberOr(training.valSplit, 0.1),
    ...(typeof training.holdout === 'number' && { holdout: training.holdout }),
    dedupe: training.dedupe === true,
    seed: request.seed ?? numberOr(training.seed, 1),
    input: [metadata.input.height, metadata.input.width, metadata.input.channels],
    preprocess: metadata.preprocessing.kind as PreprocessKind,
    ...(metadata.preprocessing.kind === 'photo' &&
      metadata.preprocessing.subject !== undefined && { subject: metadata.preprocessing.subject }),
    id: metadata.id,
    name: metadata.name,
    init: modelDirectory,
    sampling,
  };
  return { config, notes };
}

/**
 * The original data's parts: the recorded spec without the feedback folder itself (a model retrained
 * before already lists it) and without folders that are gone (say so; error if nothing is left).
 */
async function baseDataParts(
  request: RetrainRequest,
  metadata: ModelMetadata,
  notes: string[],
): Promise<string[]> {
  const dataset = metadata.dataset as Record<string, unknown>;
  const recorded = request.base ?? metadata.training.dataset ?? dataset.spec ?? dataset.name;
  if (typeof recorded !== 'string' || recorded === '') {
    throw new GlyphError(
      'BAD_USAGE',
      `${request.modelDirectory}/metadata.json does not record the dataset it was trained on; name it with --base (e.g. --base mnist).`,
    );
  }
  const feedback = resolve(request.feedbackDirectory);
  const kept: string[] = [];
  for (const part of splitDatasetSpecs(recorded)) {
    const parsed = parseDatasetSpec(part);
    if (parsed.kind === 'folder' && resolve(parsed.path) === feedback) continue;
    if (parsed.kind === 'folder' && request.base === undefined && !(await isDirectory(parsed.path))) {
      notes.push(
        `The model was also trained on ${part}, which is not here (${resolve(parsed.path)}); retraining without it. Pass --base to name the original data yourself.`,
      );
      continue;
    }
    kept.push(part);
  }
  if (kept.length === 0) {
    throw new GlyphError(
      'DATASET_MISSING',
      `None of the data ${request.modelDirectory} was trained on (${recorded}) is available, and retraining on the corrections alone would unlearn the rest. Name the original data with --base (e.g. --base mnist).`,
    );
  }
  return kept;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
