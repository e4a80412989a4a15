import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import { modelDirName } from './feedback-layout';
import { labelToDirName } from '@glyph/node/datasets';

export interface StoredFeedback {
  /** Path relative to the feedback directory, with `/` separators. */
  readonly relativePath: string;
  readonly absolutePath: string;
}

/**
 * Writes labelled samples as `<dir>/<model>/<label>/<time>-<id>.png`, a `folder:` dataset. Each file
 * appears whole or not at all: it is written to a temporary name in the same folder, flushed to disk,
 * then renamed (atomic on POSIX file systems). Temporary names start with `.` and end in `.tmp`, so
 * dataset readers skip a leftover from a crash.
 */
export class FeedbackStore {
  constructor(private readonly rootDir: string) {}

  async save(
    modelId: string,
    label: string,
    png: Uint8Array,
    now: Date = new Date(),
  ): Promise<StoredFeedback> {
    const modelDir = modelDirName(modelId);
    const labelDir = labelToDirName(label);
    if (modelDir === '' || labelDir === '') {
      throw new GlyphError('BAD_USAGE', 'Feedback needs a non-empty model id and label.');
    }
    const dir = path.join(this.rootDir, modelDir, labelDir);
    const fileName = `${timestamp(now)}-${randomUUID().slice(0, 8)}.png`;
    await mkdir(dir, { recursive: true });
    const finalPath = path.join(dir, fileName);
    const tempPath = path.join(dir, `.${fileName}.tmp`);
    try {
      const handle = await open(tempPath, 'wx');
      try {
        await handle.writeFile(png);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tempPath, finalPath);
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    await syncDir(dir);
    return { relativePath: [modelDir, labelDir, fileName].join('/'), absolutePath: finalPath };
  }
}

/** `20250131T235959123Z`: sorts by time and is a valid file name everywhere. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}

/** Makes the rename itself durable; some file systems refuse to open a directory, which is fine. */
async function syncDir(dir: string): Promise<void> {
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
