import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import { syncDir } from './durable-fs';
import { FeedbackIndex } from './feedback-index';
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
 * dataset readers skip a leftover from a crash. The feedback index learns of each
 * sample at once.
 */
export class FeedbackStore {
  constructor(
    private readonly rootDir: string,
    private readonly index: FeedbackIndex = new FeedbackIndex(rootDir),
  ) {}

  async save(
    modelId: string,
    label: string,
    png: Uint8Array,
    now: Date = new Date(),
  ): Promise<StoredFeedback> {
    return this.write(modelId, label, png, now);
  }

  private async write(modelId: string, label: string, png: Uint8Array, now: Date): Promise<StoredFeedback> {
    const modelDir = modelDirName(modelId);
    const labelDir = labelToDirName(label);
    if (modelDir === '' || labelDir === '') {
      throw new GlyphError('BAD_USAGE', 'Feedback needs a non-empty model id and label.');
    }
    const dir = path.join(this.rootDir, modelDir, labelDir);
    const fileName = `${timestamp(now)}-${randomUUID().slice(0, 8)}.png`;
    const finalPath = path.join(dir, fileName);
    const tempPath = path.join(dir, `.${fileName}.tmp`);
    let mtimeMs = 0;
    try {
      const handle = await openNew(dir, tempPath);
      try {
        await handle.writeFile(png);
        await handle.sync();
        mtimeMs = (await handle.stat()).mtimeMs;
      } finally {
        await handle.close();
      }
      await rename(tempPath, finalPath);
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    await syncDir(dir);
    const relativePath = [modelDir, labelDir, fileName].join('/');
    this.index.noteStored({ model: modelId, label, path: relativePath, bytes: png.length, mtimeMs });
    return { relativePath, absolutePath: finalPath };
  }
}

/**
 * Creates the file, making its folder first; once more if the folder vanished in between (a relabel
 * or delete removes a label folder it leaves empty).
 */
async function openNew(dir: string, filePath: string): Promise<FileHandle> {
  for (let attempt = 0; ; attempt += 1) {
    await mkdir(dir, { recursive: true });
    try {
      return await open(filePath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 2) throw error;
    }
  }
}

/** `20250131T235959123Z`: sorts by time and is a valid file name everywhere. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}
