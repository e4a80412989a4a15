import { join } from 'node:path';
import { knownDatasets, partialLettersTest, type KnownDataset, type SplitName } from './known-datasets';
import { fileExists } from './source-files';

/** The path of `fileName` (official `.gz` name) in the dataset folder, or its uncompressed twin. */
export async function locateFile(
  dataDir: string,
  folder: string,
  fileName: string,
): Promise<string | undefined> {
  const candidates = [fileName, fileName.replace(/\.gz$/, '')];
  for (const candidate of candidates) {
    const path = join(dataDir, folder, candidate);
    if (await fileExists(path)) return path;
  }
  return undefined;
}

/** Where a split's data comes from, or undefined when it is not on disk. */
export type SplitSource =
  | { readonly kind: 'official'; readonly images: string; readonly labels: string }
  /** emnist-letters:test rebuilt from the partial letters test file plus byclass test letters. */
  | { readonly kind: 'letters-fallback'; readonly partial: SplitSource; readonly byclass: SplitSource }
  /** emnist-digits:test rebuilt from the digit images of byclass test. */
  | { readonly kind: 'digits-fallback'; readonly byclass: SplitSource };

export async function locateSplit(
  dataset: KnownDataset,
  split: SplitName,
  dataDir: string,
): Promise<SplitSource | undefined> {
  const official = await locatePair(dataDir, dataset.folder, dataset.files[split]);
  if (official || split !== 'test') return official;
  if (dataset.name === 'emnist-digits') {
    const byclass = await locatePair(dataDir, dataset.folder, knownDatasets['emnist-byclass'].files.test);
    return byclass && { kind: 'digits-fallback', byclass };
  }
  if (dataset.name !== 'emnist-letters') return undefined;
  const partial = await locatePair(dataDir, dataset.folder, partialLettersTest);
  const byclass = await locatePair(dataDir, dataset.folder, knownDatasets['emnist-byclass'].files.test);
  return partial && byclass ? { kind: 'letters-fallback', partial, byclass } : undefined;
}

async function locatePair(
  dataDir: string,
  folder: string,
  files: { images: string; labels: string },
): Promise<SplitSource | undefined> {
  const images = await locateFile(dataDir, folder, files.images);
  const labels = await locateFile(dataDir, folder, files.labels);
  return images && labels ? { kind: 'official', images, labels } : undefined;
}
