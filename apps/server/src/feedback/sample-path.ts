import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { labelFromDirName } from '@glyph/node/datasets';
import { notASamplePath, sampleNotFound } from './edit-errors';
import { isSampleFileName, modelIdFromDirName } from './feedback-layout';

/** A sample's place in the feedback directory, read strictly from `<model>/<label folder>/<file>.png`. */
export interface SampleLocation {
  readonly modelId: string;
  readonly label: string;
  readonly modelDir: string;
  readonly labelDir: string;
  readonly fileName: string;
  /** `<model folder>/<label folder>/<file>.png`, with `/` separators. */
  readonly relativePath: string;
}

/**
 * The location a relative sample path names, or `null` unless every segment is a name the store
 * writes: so `..`, absolute paths, extra or missing segments, hidden and temporary files never pass.
 */
export function parseSamplePath(relativePath: string): SampleLocation | null {
  const parts = relativePath.split('/');
  if (parts.length !== 3) return null;
  const [modelDir, labelDir, fileName] = parts;
  const modelId = modelIdFromDirName(modelDir);
  const label = labelFromDirName(labelDir);
  if (modelId === null || label === null || !isSampleFileName(fileName)) return null;
  return { modelId, label, modelDir, labelDir, fileName, relativePath };
}

/** The sample's id: its file name without `.png`, which keeps through relabel, delete and undo. */
export function sampleIdOf(fileName: string): string {
  return fileName.replace(/\.png$/i, '');
}

/**
 * The absolute path of `relativePath` under `root` when each step is a real folder or file, not a
 * symbolic link, so nothing outside `root` is reached; else `null`.
 */
export async function existingFile(root: string, relativePath: string): Promise<string | null> {
  const parts = relativePath.split('/');
  const steps = parts.map((_, index) => path.join(root, ...parts.slice(0, index + 1)));
  const kinds = await Promise.all(steps.map((step) => lstat(step).catch(() => null)));
  const folders = kinds.slice(0, -1);
  const file = kinds[kinds.length - 1];
  return folders.every((kind) => kind?.isDirectory()) && file?.isFile() ? steps[steps.length - 1] : null;
}

/** Parses and finds a stored sample, or throws BAD_USAGE (malformed path) / SAMPLE_NOT_FOUND. */
export async function requireSample(
  root: string,
  relativePath: string,
): Promise<SampleLocation & { readonly absolutePath: string }> {
  const location = parseSamplePath(relativePath);
  if (location === null) throw notASamplePath(relativePath);
  const absolutePath = await existingFile(root, relativePath);
  if (absolutePath === null) throw sampleNotFound(relativePath);
  return { ...location, absolutePath };
}
