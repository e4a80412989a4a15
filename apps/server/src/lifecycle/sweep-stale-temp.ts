import type { Dirent } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a start-up sweep found left behind by a process that died mid-write. */
export interface SweepReport {
  /** Half-written feedback files (`.<name>.tmp`, `.<name>.tmp-<pid>-<hex>`), removed. */
  readonly removedFiles: readonly string[];
  /** Model upload staging folders (`.<id>.upload-<hex>`), removed. */
  readonly removedFolders: readonly string[];
  /** Models moved aside by an upload that died before the new one took their place, moved back. */
  readonly restoredFolders: readonly string[];
}

/**
 * Temporary names the server writes: `.<name>.tmp-<pid>-<hex>` (durable writes through `@glyph/node`'s
 * `writeFileAtomic`: samples, operation records) and `.<name>.tmp` (samples, as earlier versions wrote them).
 */
const tempFile = /^\..+\.tmp(-\d+-[0-9a-f]+)?$/;
/** `.<id>.upload-<hex>`: a model being unpacked; `.<id>.replaced-<hex>`: the model it replaces. */
const uploadStaging = /^\.(.+)\.upload-[0-9a-f]+$/;
const replacedAside = /^\.(.+)\.replaced-[0-9a-f]+$/;

/**
 * Clears what writes interrupted by a crash (kill -9, power loss) leave: temporary files in the
 * feedback directory and upload staging folders in the models directory. Every write there goes to
 * a temporary name and is renamed into place, so these were never acknowledged. Run it before the
 * server loads models or takes requests: it assumes no write is in progress in either directory.
 */
export async function sweepStaleTemp(dirs: { feedbackDir: string; modelsDir: string }): Promise<SweepReport> {
  const removedFiles: string[] = [];
  for (const file of await findFiles(dirs.feedbackDir, (name) => tempFile.test(name))) {
    await rm(file, { force: true });
    removedFiles.push(file);
  }
  const removedFolders: string[] = [];
  const restoredFolders: string[] = [];
  for (const entry of await listDir(dirs.modelsDir)) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(dirs.modelsDir, entry.name);
    const aside = replacedAside.exec(entry.name);
    if (uploadStaging.test(entry.name)) {
      await rm(folder, { recursive: true, force: true });
      removedFolders.push(folder);
    } else if (aside) {
      // The upload died between moving the old model aside and moving the new one in: put it back.
      const target = path.join(dirs.modelsDir, aside[1]);
      if (await exists(target)) {
        await rm(folder, { recursive: true, force: true });
        removedFolders.push(folder);
      } else {
        await rename(folder, target);
        restoredFolders.push(target);
      }
    }
  }
  return { removedFiles, removedFolders, restoredFolders };
}

/** Files under `dir` (any depth, symlinks not followed) whose name passes `match`. */
async function findFiles(dir: string, match: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await listDir(dir)) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findFiles(entryPath, match)));
    else if (entry.isFile() && match(entry.name)) found.push(entryPath);
  }
  return found;
}

async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
