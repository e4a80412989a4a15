import type { LabeledImages } from '@glyph/core';
import { classCounts, type HoldoutInfo } from '@glyph/core/data';
import type { LoadedDataset } from './load-dataset';

/** Plain data describing a loaded dataset; the CLI prints it as a table or as JSON. */
export interface DatasetSummary {
  readonly spec: string;
  readonly name: string;
  readonly sha256: string;
  readonly image: { readonly width: number; readonly height: number; readonly channels: 1 | 3 };
  readonly classNames: readonly string[];
  readonly splits: readonly SplitSummary[];
  readonly holdout?: HoldoutInfo;
  readonly skipped?: { readonly count: number; readonly examples: readonly string[] };
  readonly notes: readonly string[];
}

export interface SplitSummary {
  readonly split: 'train' | 'test';
  readonly name: string;
  readonly count: number;
  /** `classCounts[k]` images of `classNames[k]`. */
  readonly classCounts: readonly number[];
}

export function summarizeDataset(dataset: LoadedDataset): DatasetSummary {
  const sets = (['train', 'test'] as const).flatMap((split) => {
    const set = dataset[split];
    return set ? [{ split, set }] : [];
  });
  const first: LabeledImages = sets[0].set;
  return {
    spec: dataset.spec,
    name: dataset.name,
    sha256: dataset.sha256,
    image: { width: first.width, height: first.height, channels: first.channels },
    classNames: first.classNames,
    splits: sets.map(({ split, set }) => ({
      split,
      name: set.name,
      count: set.count,
      classCounts: classCounts(set),
    })),
    ...(dataset.holdout && { holdout: dataset.holdout }),
    ...(dataset.skipped && { skipped: dataset.skipped }),
    notes: dataset.notes,
  };
}
