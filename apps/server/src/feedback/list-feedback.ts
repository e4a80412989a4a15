import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isSampleFileName, modelIdFromDirName, sampleUrl } from './feedback-layout';
import { labelFromDirName } from '@glyph/node/datasets';

export interface FeedbackSample {
  readonly model: string;
  readonly label: string;
  /** `<model folder>/<label folder>/<file>.png`, relative to the feedback directory. */
  readonly path: string;
  /** Where `GET /api/feedback/files/…` serves the PNG. */
  readonly url: string;
}

export interface FeedbackCount {
  readonly model: string;
  readonly label: string;
  readonly count: number;
}

export interface FeedbackListing {
  /** Newest first, at most `limit`. */
  readonly samples: FeedbackSample[];
  /** Every (model, label) with at least one sample, whatever the limit; by model, then label. */
  readonly counts: FeedbackCount[];
  readonly total: number;
  /** Whether `samples` holds fewer than `total`. */
  readonly truncated: boolean;
}

export interface FoundSample extends FeedbackSample {
  readonly fileName: string;
}

/**
 * Every sample in the store's layout, of one model if given, in no set order, read from the disk
 * (the server lists from `FeedbackIndex`; this is for tools and tests). Only real directories and
 * files (no symbolic links, so nothing outside the directory is reached), names the store would
 * write, no hidden or temporary files. A missing directory is empty.
 */
export async function scanFeedback(rootDir: string, modelFilter?: string): Promise<FoundSample[]> {
  const found: FoundSample[] = [];
  for (const modelEntry of await entriesOf(rootDir)) {
    const model = modelEntry.isDirectory() ? modelIdFromDirName(modelEntry.name) : null;
    if (model === null || (modelFilter !== undefined && model !== modelFilter)) continue;
    for (const labelEntry of await entriesOf(path.join(rootDir, modelEntry.name))) {
      const label = labelEntry.isDirectory() ? labelFromDirName(labelEntry.name) : null;
      if (label === null) continue;
      for (const fileEntry of await entriesOf(path.join(rootDir, modelEntry.name, labelEntry.name))) {
        if (!fileEntry.isFile() || !isSampleFileName(fileEntry.name)) continue;
        const relativePath = `${modelEntry.name}/${labelEntry.name}/${fileEntry.name}`;
        found.push({
          model,
          label,
          path: relativePath,
          url: sampleUrl(relativePath),
          fileName: fileEntry.name,
        });
      }
    }
  }
  return found;
}

/** A folder's entries; none when it does not exist (any more) or is not a folder. */
export async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

/** Code-unit order: the same on every machine, whatever the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
