import { GlyphError, type LabeledImages } from '@glyph/core';
import { seededValidationSplit } from '@glyph/core/data';
import type { PreprocessingSpec } from '@glyph/core/model';
import { preprocess } from '@glyph/core/preprocess';
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
 * is a `SHAPE_MISMATCH`. Folder images go through the same `preprocess` inference will use, so
 * training and prediction see identical inputs.
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
    parsed.kind === 'folder' ? toModelInput(set, spec, input, notes) : assertInputShape(set, input);
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

/** Runs `preprocess` on every image; images without ink are dropped (and counted in a note). */
function toModelInput(
  set: LabeledImages,
  spec: PreprocessingSpec,
  [height, width, channels]: InputShape,
  notes: string[],
): LabeledImages {
  const size = width * height * channels;
  const sourceSize = set.width * set.height * set.channels;
  const images = new Uint8Array(set.count * size);
  const labels = new Int32Array(set.count);
  let kept = 0;
  for (let i = 0; i < set.count; i++) {
    const data = set.images.subarray(i * sourceSize, (i + 1) * sourceSize);
    const raw = { data, width: set.width, height: set.height, channels: set.channels };
    const result = preprocess(raw, spec, { width, height, channels: channels as 1 | 3 });
    if (result.empty) continue;
    const target = images.subarray(kept * size, (kept + 1) * size);
    for (let p = 0; p < size; p++) target[p] = Math.round(Math.min(1, Math.max(0, result.input[p])) * 255);
    labels[kept] = set.labels[i];
    kept += 1;
  }
  if (kept < set.count)
    notes.push(`${set.count - kept} images of ${set.name} hold no ink and were left out.`);
  return {
    ...set,
    images: images.slice(0, kept * size),
    labels: labels.slice(0, kept),
    count: kept,
    width,
    height,
    channels: channels as 1 | 3,
  };
}
