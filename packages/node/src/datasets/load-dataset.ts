import { GlyphError, type LabeledImages } from '@glyph/core';
import { dedupeImages, partitionByContentHash, type HoldoutInfo } from '@glyph/core/data';
import { resolveDataDir } from './data-dir';
import { datasetName, formatDatasetSpec, parseDatasetSpec, type DatasetSpec } from './dataset-spec';
import { knownDatasets, type SplitName } from './known-datasets';
import { loadFolderDataset, type FolderPreprocessing } from './load-folder-dataset';
import { loadKnownDataset, type LoadedSplits } from './load-known-dataset';
import { locateSplit } from './locate-files';
import { combinedSha256 } from './source-files';

export interface LoadedDataset {
  /** The spec as given, e.g. `emnist-byclass:test`. */
  spec: string;
  /** The dataset without split, e.g. `mnist`, `folder:/abs/path`. */
  name: string;
  train?: LabeledImages;
  test?: LabeledImages;
  /** Stable digest of the source files read (see `combinedSha256`), for model metadata. */
  sha256: string;
  /** Set when train/test are a content-hash partition rather than the dataset's own splits. */
  holdout?: HoldoutInfo;
  /** Folder datasets: entries not read (undecodable or non-image files, links to folders), with reasons. */
  skipped?: { count: number; examples: string[] };
  /** Facts a person should know about this load (partial data, substitutions, defaults chosen). */
  notes: string[];
}

export interface LoadDatasetOptions {
  /** Data root; default `resolveDataDir()` (`$GLYPH_DATA_DIR` or `~/.cache/glyph/datasets`). */
  dataDir?: string;
  /** Partition the named (or only/train) split into train/test by content hash; fraction to test. */
  holdout?: number;
  /** Drop byte-identical duplicate images within each split (first copy kept). */
  dedupe?: boolean;
  /**
   * Folder datasets: read each file as `predict` does (same decoder, the model's own `preprocess`)
   * into this model input. Train and eval pass it; IDX datasets are model input already.
   */
  preprocessing?: FolderPreprocessing;
  /** Folder datasets without `preprocessing`: display size and channels (defaults: most common size, colour if any file is). */
  width?: number;
  height?: number;
  channels?: 1 | 3;
  onProgress?: (done: number, total: number) => void;
}

/** Loads a dataset spec, as text or already parsed (`parseDatasetSpec`, done once at the edge). */
export async function loadDataset(
  spec: string | DatasetSpec,
  options: LoadDatasetOptions = {},
): Promise<LoadedDataset> {
  const parsed = typeof spec === 'string' ? parseDatasetSpec(spec) : spec;
  if (options.holdout !== undefined && !(options.holdout > 0 && options.holdout < 1)) {
    throw new GlyphError(
      'BAD_USAGE',
      `--holdout must be a fraction between 0 and 1 (exclusive), got ${options.holdout}; e.g. 0.2.`,
    );
  }
  const { name, loaded } = await loadSplits(parsed, options);
  const result: LoadedDataset = {
    spec: typeof spec === 'string' ? spec : formatDatasetSpec(spec),
    name,
    sha256: combinedSha256(loaded.sources),
    notes: loaded.notes,
    ...(loaded.train && { train: loaded.train }),
    ...(loaded.test && { test: loaded.test }),
    ...(loaded.skipped && { skipped: loaded.skipped }),
  };
  if (options.dedupe) dedupeSplits(result);
  if (options.holdout !== undefined) {
    const source = applyHoldout(result, parsed.split, options.holdout);
    // The digest names the data the partition was drawn from, whatever else was read.
    result.sha256 = combinedSha256(loaded.sources.filter((file) => !file.split || file.split === source));
  }
  for (const split of ['train', 'test'] as const) {
    const set = result[split];
    if (set && set.count === 0) {
      throw new GlyphError(
        'DATASET_EMPTY',
        `${set.name} has no images${options.holdout ? ' after the holdout split' : ''}.`,
      );
    }
  }
  return result;
}

async function loadSplits(
  parsed: DatasetSpec,
  options: LoadDatasetOptions,
): Promise<{ name: string; loaded: LoadedSplits & { skipped?: LoadedDataset['skipped'] } }> {
  if (parsed.kind === 'folder') {
    return {
      name: datasetName(parsed),
      loaded: await loadFolderDataset(parsed.path, parsed.split, options),
    };
  }
  const dataset = knownDatasets[parsed.name];
  const dataDir = options.dataDir ?? resolveDataDir();
  // A holdout partitions one split: read only that one (train when present) rather than both.
  let split = parsed.split;
  if (split === undefined && options.holdout !== undefined) {
    split = (await locateSplit(dataset, 'train', dataDir)) ? 'train' : 'test';
  }
  return { name: parsed.name, loaded: await loadKnownDataset(dataset, split, dataDir) };
}

function dedupeSplits(result: LoadedDataset): void {
  for (const split of ['train', 'test'] as const) {
    const set = result[split];
    if (!set) continue;
    const { set: unique, duplicatesDropped, conflictingLabels } = dedupeImages(set);
    result[split] = unique;
    result.notes.push(
      `Deduplicated ${set.name}: ${duplicatesDropped} identical images dropped` +
        (conflictingLabels > 0 ? ` (${conflictingLabels} had a different label than the kept copy)` : '') +
        `, ${unique.count} remain.`,
    );
  }
}

/** Partitions one split into train/test in place; returns the split it partitioned. */
function applyHoldout(result: LoadedDataset, split: SplitName | undefined, fraction: number): SplitName {
  const source: SplitName = split ?? (result.train ? 'train' : 'test');
  const set = result[source]!;
  if (!split && result.train && result.test) {
    result.notes.push(`Both splits exist; the holdout partitions train and ignores ${result.test.name}.`);
  }
  const { train, test, holdout } = partitionByContentHash(set, fraction);
  result.train = train;
  result.test = test;
  result.holdout = holdout;
  result.notes.push(
    `train/test are a content-hash holdout of ${set.name}: ${Math.round(fraction * 100)}% of images go to test ` +
      (set.contentHashes
        ? 'by a hash of their files (the split does not depend on decode settings)'
        : 'by a hash of their pixels (identical images always land on the same side)') +
      `; ${train.count}/${test.count}.`,
  );
  return source;
}
