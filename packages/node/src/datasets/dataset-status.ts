import { join } from 'node:path';
import {
  knownDatasetNames,
  knownDatasets,
  splitNames,
  type KnownDatasetName,
  type SplitName,
} from './known-datasets';
import { locateSplit } from './locate-files';

/** Whether a split is on disk: its official files, a local assembly (letters, digits), or nothing. */
export type SplitStatus = 'present' | 'assembled' | 'missing';

export interface DatasetStatus {
  readonly name: KnownDatasetName;
  readonly title: string;
  /** Folder the files are expected in. */
  readonly path: string;
  readonly splits: Readonly<Record<SplitName, SplitStatus>>;
  /** Name to pass to `glyph data download`. */
  readonly download: string;
}

/** Every known dataset and which of its splits exist under `dataDir` (for `glyph data list`). */
export async function listDatasets(dataDir: string): Promise<DatasetStatus[]> {
  return Promise.all(
    knownDatasetNames.map(async (name) => {
      const dataset = knownDatasets[name];
      const entries = await Promise.all(
        splitNames.map(async (split) => {
          const source = await locateSplit(dataset, split, dataDir);
          const status: SplitStatus = !source
            ? 'missing'
            : source.kind === 'official'
              ? 'present'
              : 'assembled';
          return [split, status] as const;
        }),
      );
      return {
        name,
        title: dataset.title,
        path: join(dataDir, dataset.folder),
        splits: Object.fromEntries(entries) as Record<SplitName, SplitStatus>,
        download: dataset.download,
      };
    }),
  );
}
