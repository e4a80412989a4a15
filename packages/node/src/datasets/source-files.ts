import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';

/** One file a dataset was read from, with the sha256 of its bytes as stored on disk. */
export interface SourceFile {
  /** Name relative to the dataset root (stable across machines). */
  readonly name: string;
  readonly sha256: string;
  /** The split this file feeds; absent for files every split shares (e.g. a class mapping). */
  readonly split?: 'train' | 'test';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One stable digest for a set of source files: the sha256 of `sha256sum`-style lines sorted by name,
 * so it changes when any file's content or name changes and never with read order or location.
 */
export function combinedSha256(files: readonly SourceFile[]): string {
  const lines = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((file) => `${file.sha256}  ${file.name}\n`)
    .join('');
  return createHash('sha256').update(lines).digest('hex');
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
