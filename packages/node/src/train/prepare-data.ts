import { GlyphError, type LabeledImages } from '@glyph/core';
import { preprocessImages, seededValidationSplit } from '@glyph/core/data';
import type { PreprocessingSpec } from '@glyph/core/model';
import { loadDataset, parseDatasetSpec, type LoadedDataset } from '@glyph/node/datasets';
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
 * and prediction see identical inputs.
 */
export async function prepareData(
  config: TrainConfig,
  input: InputShape,
  dataDir: string | undefined,
): Promise<PreparedData> {
  const kind = config.preprocess ?? defaultPreprocess(config.dataset);
  const parsed = parseDatasetSpec(config.dataset);
  if (parsed.kind === 'known' && kind === 'photo') {
    throw new GlyphError(
      'BAD_USAGE',
      `${parsed.name} holds handwriting; use --preprocess ink-mnist or ink-emnist.`,
    );
  }
  const loaded = await loadDataset(config.dataset, {
    ...(dataDir !== undefined && { dataDir }),
    ...(config.holdout !== undefined && { holdout: config.holdout }),
    dedupe: config.dedupe,
    ...(parsed.kind === 'folder' && kind === 'photo' && { channels: input[2] as 1 | 3 }),
  });
  const notes = [...loaded.notes];
  if (!loaded.train) {
    throw new GlyphError(
      'BAD_USAGE',
      `${config.dataset} has no train split to learn from. Name a dataset with training data, or pass --holdout 0.2 to partition this split into train and test.`,
    );
  }
  const spec: PreprocessingSpec = { kind };
  const convert = (set: LabeledImages) =>
    parsed.kind === 'folder' ? preprocessFolderImages(set, spec, input, notes) : assertInputShape(set, input);
  let train = convert(loaded.train);
  const test = loaded.test ? convert(loaded.test) : undefined;
  let validation: LabeledImages | undefined;
  if (config.valSplit > 0)
    ({ train, validation } = seededValidationSplit(train, config.valSplit, config.seed));
  return {
    train,
    ...(validation && { validation }),
    ...(test && { test }),
    loaded,
    preprocessing: spec,
    task: kind === 'photo' ? 'image' : 'character',
    notes,
  };
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
