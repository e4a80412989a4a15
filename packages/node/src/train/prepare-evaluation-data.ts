import { GlyphError, type LabeledImages } from '@glyph/core';
import { decideHoldout, mapClassesToLabels, metadataInput } from '@glyph/core/evaluate';
import type { ModelMetadata } from '@glyph/core/model';
import {
  datasetName,
  loadDataset,
  parseDatasetSpec,
  type DatasetSpec,
  type LoadedDataset,
} from '@glyph/node/datasets';

export interface EvaluationDataRequest {
  /** The dataset to score, parsed once where the user named it. */
  readonly dataset: DatasetSpec;
  /** `--holdout`: score this content-hash held-out fraction (default: the model's own, if any). */
  readonly holdout?: number;
  /** `--dedupe`: drop byte-identical images first (also when the model's own holdout was deduped). */
  readonly dedupe: boolean;
  readonly dataDir?: string;
}

export interface EvaluationData {
  readonly loaded: LoadedDataset;
  /** The samples to score. */
  readonly data: LabeledImages;
  /** The split scored, for the report's partition statement (undefined: a holdout of the whole set). */
  readonly split?: string;
  /** What the reader must know about this choice of samples. */
  readonly notes: string[];
}

/**
 * Loads the samples to score the way training prepared its own (`prepareData`): the same holdout
 * and dedupe, IDX images as they are, folder images through the model's `preprocess` (after
 * checking their class names, so a wrong folder fails before that work). A model trained on a
 * content-hash partition is scored on its own held-out part unless `holdout` says otherwise
 * (`decideHoldout`), with a note when that part cannot be the one training left out.
 *
 * @public
 */
export async function prepareEvaluationData(
  request: EvaluationDataRequest,
  metadata: ModelMetadata,
): Promise<EvaluationData> {
  const spec = request.dataset;
  const decision = decideHoldout({
    requested: request.holdout,
    trainedOn: { name: recordedDatasetName(metadata.dataset.name), holdout: metadata.dataset.holdout },
    evaluating: datasetName(spec),
  });
  const loaded = await loadDataset(spec, {
    ...(request.dataDir !== undefined && { dataDir: request.dataDir }),
    ...(decision.fraction !== undefined && { holdout: decision.fraction }),
    dedupe: request.dedupe || (decision.source === 'model' && metadata.training.dedupe === true),
    // Folder files are read as `predict` reads them: same decoder, the model's own preprocess.
    ...(spec.kind === 'folder' && {
      preprocessing: { spec: metadata.preprocessing, input: metadataInput(metadata) },
    }),
  });
  const notes = [...decision.notes, ...loaded.notes];
  const split = spec.split ?? (loaded.holdout || loaded.test ? 'test' : 'train');
  const data = loaded.holdout ? loaded.test : loaded[split];
  if (data === undefined) {
    throw new GlyphError(
      'DATASET_MISSING',
      `${loaded.spec} has no ${split} split to evaluate; run "glyph data list" to see what is present.`,
    );
  }
  if (spec.kind === 'folder') mapClassesToLabels(data.classNames, metadata.labels);
  notes.push(...holdoutConsistencyNotes(decision.source, metadata, loaded, data));
  return { loaded, data, split: loaded.holdout ? spec.split : split, notes };
}

/** When scoring the model's own holdout, says if it is not the partition training recorded. */
function holdoutConsistencyNotes(
  source: 'flag' | 'model' | 'none',
  metadata: ModelMetadata,
  loaded: LoadedDataset,
  data: LabeledImages,
): string[] {
  if (source !== 'model') return [];
  const notes: string[] = [];
  const recorded = metadata.dataset.sha256;
  if (recorded && recorded !== loaded.sha256) {
    notes.push(
      `The dataset files differ from those recorded in the model's metadata (sha256 ${loaded.sha256.slice(0, 12)}… vs ${recorded.slice(0, 12)}…), so the held-out partition may not be the one training left out.`,
    );
  }
  const testCount = metadata.dataset.testCount;
  if (typeof testCount === 'number' && testCount > 0 && testCount !== data.count) {
    notes.push(
      `The model's metadata records ${testCount} held-out images; this partition has ${data.count}.`,
    );
  }
  return notes;
}

/** The dataset a model's metadata records, named as `datasetName` names it (a combined spec as it is). */
function recordedDatasetName(name: string): string {
  try {
    return datasetName(parseDatasetSpec(name));
  } catch {
    return name;
  }
}
