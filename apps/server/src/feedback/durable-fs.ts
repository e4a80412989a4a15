import { mkdir, open, rename, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic as writeFileAtomicInPlace } from '@glyph/node/model-io';

/**
 * File moves and writes that survive a crash (kill -9, power loss) whole or not at all: every change
 * is one `rename` within the feedback directory (atomic on POSIX file systems), with the
 * content flushed before and the folders flushed after.
 */

/**
 * Writes `bytes` to `finalPath` through a hidden temporary file in the same folder (`@glyph/node`'s
 * `writeFileAtomic`), making the folder first, then flushes the folder. Tries once more if the
 * folder vanished in between (a relabel or delete removes a label folder it leaves empty).
 */
export async function writeFileAtomic(finalPath: string, bytes: Uint8Array | string): Promise<void> {
  const dir = path.dirname(finalPath);
  for (let attempt = 0; ; attempt += 1) {
    await mkdir(dir, { recursive: true });
    try {
      await writeFileAtomicInPlace(finalPath, bytes);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 2) throw error;
    }
  }
  await syncDir(dir);
}

/**
 * Moves a file by one `rename`: the sample is under its old name or its new one, never both or
 * neither; an emptied source folder is removed. Callers check first that `toPath` is free (rename would replace a file there), under the
 * store's lock.
 */
export async function moveFile(fromPath: string, toPath: string): Promise<void> {
  await mkdir(path.dirname(toPath), { recursive: true });
  await rename(fromPath, toPath);
  await syncDir(path.dirname(toPath));
  // A class folder left empty would make `folder:` training refuse the dataset; rmdir removes
  // only an empty folder, so a sample stored there meanwhile keeps it.
  await rmdir(path.dirname(fromPath)).catch(() => undefined);
  await syncDir(path.dirname(path.dirname(fromPath)));
}

/** Makes a rename itself durable; some file systems refuse to open a directory, which is fine. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the directory entry is best effort; the file content is already synced.
  }
}
