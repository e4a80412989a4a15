import { createHash } from 'node:crypto';
import { GlyphError, type LabeledImages } from '@glyph/core';
import { concatImages, preprocessImages, seededValidationSplit } from '@glyph/core/data';
import type { PreprocessingSpec } from '@glyph/core/model';
import { loadDataset, parseDatasetSpec, splitDatasetSpecs, type LoadedDataset } from '@glyph/node/datasets';
import type { PreprocessKind, TrainConfig } from './train-config';

export type InputShape = readonly [number, number, number];

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
export function defaultPreprocess(datasetSpec: string): PreprocessKind {
  const parsed = parseDatasetSpec(datasetSpec);
  if (parsed.kind === 'folder') return 'photo';
  return parsed.name.startsWith('emnist') ? 'ink-emnist' : 'ink-mnist';
}

/**
 * Loads the dataset, brings every image to the model input, and splits validation off the TRAINING
 * data. IDX datasets (MNIST, EMNIST) are already in model-input form: a model input of another size
 * is a `SHAPE_MISMATCH`. Folder images go through `preprocessImages` (`@glyph/core/data`), which
 * `glyph eval` uses too and which runs the same `preprocess` as inference, so training, evaluation
 * and prediction see identical inputs. A combined spec (`mnist+folder:./feedback`) trains on all its
 * parts: each is brought to the model input, then train and test splits are concatenated with labels
 * merged by class name.
 */
export async function prepareData(
  config: TrainConfig,
  input: InputShape,
  dataDir: string | undefined,
): Promise<PreparedData> {
  const specs = splitDatasetSpecs(config.dataset);
  const kind = config.preprocess ?? defaultPreprocess(specs[0]);
  const parts: PreparedPart[] = [];
  for (const spec of specs) parts.push(await preparePart(spec, kind, config, input, dataDir));
  const notes = parts.flatMap((part) => part.notes);
  const loaded = parts.length === 1 ? parts[0].loaded : combinedLoad(config.dataset, parts);
  const trains = parts.flatMap((part) => (part.train ? [part.train] : []));
  if (trains.length === 0) {
    throw new GlyphError(
      'BAD_USAGE',
      `${config.dataset} has no train split to learn from. Name a dataset with training data, or pass --holdout 0.2 to partition this split into train and test.`,
    );
  }
  const tests = parts.flatMap((part) => (part.test ? [part.test] : []));
  let train = trains.length === 1 ? trains[0] : concatImages(trains, `${config.dataset}:train`);
  const test =
    tests.length === 0
      ? undefined
      : tests.length === 1
        ? tests[0]
        : concatImages(tests, `${config.dataset}:test`);
  if (parts.length > 1) notes.push(combinedNote(parts, train));
  let validation: LabeledImages | undefined;
  if (config.valSplit > 0)
    ({ train, validation } = seededValidationSplit(train, config.valSplit, config.seed));
  return {
    train,
    ...(validation && { validation }),
    ...(test && { test }),
    loaded,
    preprocessing: { kind },
    task: kind === 'photo' ? 'image' : 'character',
    notes,
  };
}

interface PreparedPart {
  readonly spec: string;
  readonly loaded: LoadedDataset;
  readonly train?: LabeledImages;
  readonly test?: LabeledImages;
  readonly notes: string[];
}

/** One dataset of the spec, loaded and brought to the model input. */
async function preparePart(
  spec: string,
  kind: PreprocessKind,
  config: TrainConfig,
  input: InputShape,
  dataDir: string | undefined,
): Promise<PreparedPart> {
  const parsed = parseDatasetSpec(spec);
  if (parsed.kind === 'known' && kind === 'photo') {
    throw new GlyphError(
      'BAD_USAGE',
      `${parsed.name} holds handwriting; use --preprocess ink-mnist or ink-emnist.`,
    );
  }
  const loaded = await loadDataset(spec, {
    ...(dataDir !== undefined && { dataDir }),
    ...(config.holdout !== undefined && { holdout: config.holdout }),
    dedupe: config.dedupe,
    ...(parsed.kind === 'folder' && kind === 'photo' && { channels: input[2] as 1 | 3 }),
  });
  const notes = [...loaded.notes];
  const preprocessing: PreprocessingSpec = { kind };
  const convert = (set: LabeledImages) =>
    parsed.kind === 'folder'
      ? preprocessFolderImages(set, preprocessing, input, notes)
      : assertInputShape(set, input);
  return {
    spec,
    loaded,
    ...(loaded.train && { train: convert(loaded.train) }),
    ...(loaded.test && { test: convert(loaded.test) }),
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

/** `preprocessImages`, with images that hold no ink counted in a note. */
function preprocessFolderImages(
  set: LabeledImages,
  spec: PreprocessingSpec,
  [height, width, channels]: InputShape,
  notes: string[],
): LabeledImages {
  const prepared = preprocessImages(set, spec, { width, height, channels: channels as 1 | 3 });
  if (prepared.droppedEmpty > 0)
    notes.push(`${prepared.droppedEmpty} images of ${set.name} hold no ink and were left out.`);
  return prepared.set;
}
