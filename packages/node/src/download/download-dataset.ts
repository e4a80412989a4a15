import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { GlyphError } from '@glyph/core';
import { isKnownDatasetName, knownDatasets } from '../datasets/known-datasets';
import { fileExists } from '../datasets/source-files';
import { downloadFile } from './download-file';
import { downloadNames, downloadRegistry, type DownloadEntry, type DownloadFile } from './download-registry';

export interface DatasetDownloadProgress {
  readonly fileName: string;
  readonly receivedBytes: number;
  readonly totalBytes: number | undefined;
}

export interface DatasetDownloadResult {
  readonly name: DownloadEntry['name'];
  readonly files: readonly {
    path: string;
    status: 'downloaded' | 'already-present';
    resumedFromBytes: number;
  }[];
  /** Anything still to do by hand (e.g. extracting the EMNIST archive). */
  readonly manualStep?: string;
}

/** `mnist`, `emnist`, or any dataset name (`emnist-letters` → the EMNIST archive). */
export function resolveDownloadName(name: string): DownloadEntry['name'] {
  if ((downloadNames as string[]).includes(name)) return name as DownloadEntry['name'];
  if (isKnownDatasetName(name)) return knownDatasets[name].download;
  throw new GlyphError(
    'DATASET_UNKNOWN',
    `Nothing to download for "${name}". Downloadable: ${downloadNames.join(', ')} ` +
      `(or a dataset name such as emnist-letters). Folder datasets are not downloaded.`,
  );
}

/**
 * Fetches every file of a dataset into `<dataDir>/<folder>/`, skipping files already present and
 * verified, resuming partial ones.
 */
export async function downloadDataset(
  name: string,
  options: {
    dataDir: string;
    onProgress?: (progress: DatasetDownloadProgress) => void;
    /** Replaces the registry's URLs (tests point this at a local server). */
    urlsFor?: (file: DownloadFile) => readonly string[];
  },
): Promise<DatasetDownloadResult> {
  const entry = downloadRegistry[resolveDownloadName(name)];
  const files: DatasetDownloadResult['files'][number][] = [];
  for (const file of entry.files) {
    const destination = join(options.dataDir, file.folder, file.fileName);
    if (await isVerified(destination, file)) {
      files.push({ path: destination, status: 'already-present', resumedFromBytes: 0 });
      continue;
    }
    const result = await downloadFile({
      urls: options.urlsFor?.(file) ?? file.urls,
      destination,
      ...(file.sha256 && { sha256: file.sha256 }),
      ...(file.md5 && { md5: file.md5 }),
      ...(file.bytes !== undefined && { bytes: file.bytes }),
      onProgress: (receivedBytes, totalBytes) =>
        options.onProgress?.({ fileName: file.fileName, receivedBytes, totalBytes }),
    });
    files.push({ path: destination, status: 'downloaded', resumedFromBytes: result.resumedFromBytes });
  }
  return {
    name: entry.name,
    files,
    ...(entry.manualStep && { manualStep: entry.manualStep(options.dataDir) }),
  };
}

/** An existing file counts as present when it matches the published checksum (or none is known). */
async function isVerified(path: string, file: DownloadFile): Promise<boolean> {
  if (!(await fileExists(path))) return false;
  const algorithm = file.sha256 ? 'sha256' : file.md5 ? 'md5' : undefined;
  if (!algorithm) return true;
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex') === (file.sha256 ?? file.md5);
}
