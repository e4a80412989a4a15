import { createHash } from 'node:crypto';
import { GlyphError, type LabeledImages } from '@glyph/core';
import { concatImages, relabelImages, repeatImages, seededValidationSplit } from '@glyph/core/data';
import type { PreprocessingSpec } from '@glyph/core/model';
import {
  knownDatasets,
  loadDataset,
  locateSplit,
  parseDatasetSpec,
  resolveDataDir,
  splitDatasetSpecs,
  type DatasetSpec,
  type LoadedDataset,
} from '@glyph/node/datasets';
import { checkClassCountBeforeLoading, checkClassCountLoaded } from './class-count-check';
import { limitImages } from './limit-images';
import { relayoutIdxImages } from './relayout-idx';
import type { PartSampling, PreprocessKind, TrainConfig } from './train-config';

export type InputShape = readonly [number, number, number];

/** The label set of the model a run starts from (`--init`): the data is mapped onto it by name. */
export interface TargetLabels {
  readonly labels: readonly string[];
  /** How errors name the model, e.g. `--init models/digits`. */
  readonly modelName: string;
}

export interface PreparedData {
  readonly train: LabeledImages;
  readonly validation?: LabeledImages;
  /** The official test split or the holdout's test partition — never used during training. */
  readonly test?: LabeledImages;
  readonly loaded: LoadedDataset;
  readonly preprocessing: PreprocessingSpec;
  readonly task: 'character' | 'image';
  readonly notes: string[];
}

/** Which preprocessing a dataset implies when the user names none. */
export function defaultPreprocess(dataset: string | DatasetSpec): PreprocessKind {
  const parsed = typeof dataset === 'string' ? parseDatasetSpec(dataset) : dataset;
  if (parsed.kind === 'folder' || knownDatasets[parsed.name].content === 'photo') return 'photo';
  return parsed.name.startsWith('emnist') ? 'ink-emnist' : 'ink-mnist';
}

/**
 * Loads the dataset, brings every image to the model input, and splits validation off the TRAINING
 * data. IDX datasets (MNIST, EMNIST) are already in model-input form: a model input of another size
 * is a `SHAPE_MISMATCH`. Folder files are read the way `predict` reads an image — the same decoder,
 * then the model's own `preprocess` on each image as it is — so training, evaluation and prediction
 * see identical inputs. A combined spec (`mnist+folder:./feedback`) trains on all its parts: each is
 * brought to the model input, then train and test splits are concatenated with labels merged by
 * class name. With `target` (fine-tuning with `--init`), every part's classes are mapped onto the
 * starting model's labels, so a folder holding only some classes trains that model's output units;
 * without it the data must hold two classes or more (`BAD_USAGE`, checked on folder names first).
 * `config.sampling` limits or repeats a part (a few corrections among 60,000 MNIST digits).
 */
export async function prepareData(
  config: TrainConfig,
  input: InputShape,
  dataDir: string | undefined,
  target?: TargetLabels,
): Promise<PreparedData> {
  // Parsed once here; every step below takes the parsed parts.
  const specs = splitDatasetSpecs(config.dataset).map((text) => ({ text, parsed: parseDatasetSpec(text) }));
  const parsedSpecs = specs.map((spec) => spec.parsed);
  const kind = config.preprocess ?? defaultPreprocess(parsedSpecs[0]);
  const preprocessing = preprocessingSpec(kind, config, parsedSpecs[0]);
  if (!target) await checkClassCountBeforeLoading(config.dataset, parsedSpecs);
  const parts: PreparedPart[] = [];
  for (const spec of specs) {
    const part = await preparePart(spec, preprocessing, config, input, dataDir, specs.length > 1);
    parts.push(target ? relabelPart(part, target) : part);
  }
  const notes = parts.flatMap((part) => part.notes);
  const loaded = parts.length === 1 ? parts[0].loaded : combinedLoad(config.dataset, parts);
  if (parts.every((part) => !part.train)) {
    throw new GlyphError(
      'BAD_USAGE',
      `${config.dataset} has no train split to learn from. Name a dataset with training data, or pass --holdout 0.2 to partition this split into train and test.`,
    );
  }
  if (!target)
    checkClassCountLoaded(
      config.dataset,
      parsedSpecs,
      parts.flatMap((part) => (part.train ? [part.train] : [])),
    );
  const tests = parts.flatMap((part) => (part.test ? [part.test] : []));
  const test =
    tests.length === 0
      ? undefined
      : tests.length === 1
        ? tests[0]
        : concatImages(tests, `${config.dataset}:test`);
  const { train, validation } = splitTraining(parts, config, notes);
  if (parts.length > 1) notes.push(combinedNote(parts, train));
  return {
    train,
    ...(validation && { validation }),
    ...(test && { test }),
    loaded,
    preprocessing,
    task: kind === 'photo' ? 'image' : 'character',
    notes,
  };
}

/** The spec recorded in metadata and used on every folder image; `--subject` only with photo. */
function preprocessingSpec(
  kind: PreprocessKind,
  config: TrainConfig,
  firstSpec: DatasetSpec,
): PreprocessingSpec {
  const spec = subjectSpec(kind, config, firstSpec);
  return spec.kind === 'photo' && config.photoResize ? { ...spec, resize: config.photoResize } : spec;
}

function subjectSpec(kind: PreprocessKind, config: TrainConfig, firstSpec: DatasetSpec): PreprocessingSpec {
  if (config.subject === undefined) return kind === 'photo' ? photoSpec(firstSpec) : { kind };
  if (kind !== 'photo') {
    throw new GlyphError(
      'BAD_USAGE',
      `--subject ${config.subject} needs photo preprocessing, but this run uses ${kind}. Drop --subject, or train on a folder with --preprocess photo.`,
    );
  }
  return { kind, subject: config.subject };
}

/**
 * Photo IDX sets (Fashion-MNIST) hold objects lit on a dark background, so their models ask for
 * `background: 'dark'`: a photo with a light background (a product shot on white) is inverted to match.
 */
function photoSpec(parsed: DatasetSpec): PreprocessingSpec {
  return parsed.kind === 'known' && knownDatasets[parsed.name].content === 'photo'
    ? { kind: 'photo', background: 'dark' }
    : { kind: 'photo' };
}

/**
 * Training and validation images. Validation comes from the training data before any part is
 * repeated, and never from an oversampled part, so no copy of a training image is ever scored as
 * validation. When the split leaves
 * nothing to validate on (a handful of corrections, one per class), the run trains without it and
 * says so, rather than reporting a loss over zero images (NaN).
 */
function splitTraining(
  parts: readonly PreparedPart[],
  config: TrainConfig,
  notes: string[],
): { train: LabeledImages; validation?: LabeledImages } {
  const trains = parts.flatMap((part) => (part.train ? [{ spec: part.spec, set: part.train }] : []));
  const join = (sets: LabeledImages[], name: string) =>
    sets.length === 1 ? sets[0] : concatImages(sets, name);
  let train: LabeledImages;
  let validation: LabeledImages | undefined;
  if (trains.every(({ spec }) => !config.sampling?.[spec]?.repeat && !config.sampling?.[spec]?.share)) {
    train = join(
      trains.map(({ set }) => set),
      `${config.dataset}:train`,
    );
    if (config.valSplit > 0)
      ({ train, validation } = seededValidationSplit(train, config.valSplit, config.seed));
  } else {
    // An oversampled part is a handful of precious images (corrections): all of them train.
    const oversampled = (spec: string) =>
      config.sampling?.[spec]?.repeat !== undefined || config.sampling?.[spec]?.share !== undefined;
    const split = trains.map(({ spec, set }): { train: LabeledImages; validation?: LabeledImages } =>
      config.valSplit > 0 && !oversampled(spec)
        ? seededValidationSplit(set, config.valSplit, config.seed)
        : { train: set },
    );
    const counts = split.map((part) => part.train.count);
    const repeats = trains.map(({ spec }, i) => repeatCount(config.sampling?.[spec], counts, i));
    train = join(
      split.map((part, i) => (repeats[i] > 1 ? repeatImages(part.train, repeats[i]) : part.train)),
      `${config.dataset}:train`,
    );
    const validations = split.flatMap((part) => (part.validation ? [part.validation] : []));
    if (validations.length > 0) validation = join(validations, `${config.dataset}:validation`);
    trains.forEach(({ spec }, i) => {
      if (repeats[i] > 1)
        notes.push(
          `Each of the ${counts[i]} training images of ${spec} is used ${repeats[i]} times per epoch ` +
            `(${counts[i] * repeats[i]} of ${train.count} images).`,
        );
    });
  }
  if (validation && validation.count === 0) {
    notes.push(
      `Too few images for a validation split (${train.count} training images; a class needs 2 or more to give one ` +
        'to validation): training without validation. Add images, or pass --val-split 0 to say so.',
    );
    validation = undefined;
  }
  return { train, ...(validation && { validation }) };
}

/** Most copies of one image per epoch: beyond this a handful of images would swamp the rest. */
const maxRepeat = 1000;

/**
 * How many times part `index` is used per epoch: `repeat` as given, or for `share` the count that
 * makes it about that fraction of all training images (`n·r / (n·r + others) ≈ share`).
 */
function repeatCount(sampling: PartSampling | undefined, counts: readonly number[], index: number): number {
  if (sampling?.repeat !== undefined) return sampling.repeat;
  if (sampling?.share === undefined || counts[index] === 0) return 1;
  const others = counts.reduce((sum, count) => sum + count, 0) - counts[index];
  const wanted = (sampling.share * others) / ((1 - sampling.share) * counts[index]);
  return Math.min(maxRepeat, Math.max(1, Math.round(wanted)));
}

/** The part's classes mapped onto the starting model's labels by name; strays are an error. */
function relabelPart(part: PreparedPart, target: TargetLabels): PreparedPart {
  const relabel = (set: LabeledImages) => relabelImages(set, target.labels, target.modelName);
  return {
    ...part,
    ...(part.train && { train: relabel(part.train) }),
    ...(part.test && { test: relabel(part.test) }),
  };
}

interface PreparedPart {
  readonly spec: string;
  readonly loaded: LoadedDataset;
  readonly train?: LabeledImages;
  readonly test?: LabeledImages;
  readonly notes: string[];
}

/**
 * Whether `--holdout` partitions this part. Alone, a dataset is always partitioned. In a combined
 * spec only the IDX parts without a train split of their own are (EMNIST here), because the
 * holdout exists to give them a test side: `mnist+emnist-digits --holdout 0.2` keeps all of MNIST's
 * train and test splits, and a folder added to the data (corrections, rendered fonts) is trained on
 * whole — `glyph retrain` adds a few corrections to a model trained with a holdout.
 */
async function holdoutApplies(
  parsed: DatasetSpec,
  combined: boolean,
  dataDir: string | undefined,
): Promise<boolean> {
  if (!combined) return true;
  if (parsed.kind === 'folder') return false;
  if (parsed.split === 'test') return true;
  return (await locateSplit(knownDatasets[parsed.name], 'train', dataDir ?? resolveDataDir())) === undefined;
}

/** One dataset of the spec, loaded and brought to the model input. */
async function preparePart(
  { text: spec, parsed }: { readonly text: string; readonly parsed: DatasetSpec },
  preprocessing: PreprocessingSpec,
  config: TrainConfig,
  input: InputShape,
  dataDir: string | undefined,
  combined: boolean,
): Promise<PreparedPart> {
  const { kind } = preprocessing;
  if (parsed.kind === 'known' && (kind === 'photo') !== (knownDatasets[parsed.name].content === 'photo')) {
    throw new GlyphError(
      'BAD_USAGE',
      kind === 'photo'
        ? `${parsed.name} holds handwriting; use --preprocess ink-mnist or ink-emnist.`
        : `${parsed.name} holds photos, which the ink recipes would crop and re-centre as writing; use --preprocess photo (its default).`,
    );
  }
  const [height, width, channels] = input;
  const loaded = await loadDataset(parsed, {
    ...(dataDir !== undefined && { dataDir }),
    ...(config.holdout !== undefined &&
      (await holdoutApplies(parsed, combined, dataDir)) && { holdout: config.holdout }),
    dedupe: config.dedupe,
    ...(parsed.kind === 'folder' && {
      preprocessing: { spec: preprocessing, input: { width, height, channels: channels as 1 | 3 } },
    }),
  });
  const notes = [...loaded.notes];
  const limit = config.sampling?.[spec]?.limit;
  const toModelForm = (set: LabeledImages) =>
    relayoutIdxImages(assertInputShape(set, input), parsed, kind, notes);
  let train = loaded.train && toModelForm(loaded.train);
  if (train && limit !== undefined && limit < train.count) {
    notes.push(`Training on a seeded sample of ${limit} of the ${train.count} training images of ${spec}.`);
    train = limitImages(train, limit, config.seed);
  }
  return {
    spec,
    loaded,
    ...(train && { train }),
    ...(loaded.test && { test: toModelForm(loaded.test) }),
    notes,
  };
}

/** The load record of a combined spec: every part's name, and one digest over the parts' digests. */
function combinedLoad(spec: string, parts: readonly PreparedPart[]): LoadedDataset {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(`${part.loaded.sha256}  ${part.spec}\n`);
  const holdout = parts.find((part) => part.loaded.holdout)?.loaded.holdout;
  return {
    spec,
    name: parts.map((part) => part.loaded.name).join('+'),
    sha256: digest.digest('hex'),
    notes: [],
    ...(holdout && { holdout }),
  };
}

function combinedNote(parts: readonly PreparedPart[], train: LabeledImages): string {
  const counts = parts.map((part) => `${part.train?.count ?? 0} from ${part.spec}`).join(', ');
  return `Training on ${train.count} images of ${train.classNames.length} classes: ${counts}.`;
}

function assertInputShape(set: LabeledImages, [height, width, channels]: InputShape): LabeledImages {
  if (set.width !== width || set.height !== height || set.channels !== channels) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `${set.name} images are ${set.width}×${set.height}×${set.channels} but the model input is ` +
        `${width}×${height}×${channels}. Pass --input ${set.width}x${set.height}x${set.channels}, or choose a ` +
        'model built for this size.',
    );
  }
  return set;
}
