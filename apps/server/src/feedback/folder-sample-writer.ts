import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import { labelToDirName } from '@glyph/node/datasets';
import { writeFileAtomic } from './durable-fs';
import type { FeedbackIndex } from './feedback-index';
import { modelDirName } from './feedback-layout';
import type { NewSample, StoredFeedback } from './feedback-store';
import { quotaExceeded } from './quota';
import { newId } from './sample-id';

/**
 * Writes labelled samples as `<dir>/<model>/<label>/<time>-<id>.png`, a `folder:` dataset. Each file
 * appears whole or not at all: it is written to a temporary name in the same folder, flushed to disk,
 * then renamed (atomic on POSIX file systems; see durable-fs.ts). Temporary names start with `.`, so
 * dataset readers skip a leftover from a crash. Each model's samples and trash together stay within
 * its disk quota, counted by the feedback index.
 */
export class FolderSampleWriter {
  /** Bytes being written per model, counted against the quota until the index has them. */
  private readonly writing = new Map<string, number>();

  constructor(
    private readonly rootDir: string,
    private readonly index: FeedbackIndex,
    /** Disk a model's samples and trash may take; a write beyond it answers 507 and stores nothing. */
    private readonly quotaBytes = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Stores several samples of one model (a sequence correction's characters): all or, when the
   * model's quota cannot take them all, none (FEEDBACK_QUOTA_EXCEEDED), so an answer of 507 means
   * nothing of the request was kept. Samples already stored are never touched.
   */
  async saveAll(
    modelId: string,
    samples: readonly NewSample[],
    now: Date = new Date(),
  ): Promise<StoredFeedback[]> {
    const bytes = samples.reduce((sum, sample) => sum + sample.png.length, 0);
    const release = await this.reserve(modelId, bytes);
    try {
      const stored: StoredFeedback[] = [];
      for (const { label, png } of samples) stored.push(await this.write(modelId, label, png, now));
      return stored;
    } finally {
      release();
    }
  }

  /** Counts `bytes` against the model's quota while they are written, or refuses them. */
  private async reserve(modelId: string, bytes: number): Promise<() => void> {
    await this.index.loaded();
    const fits = () =>
      this.index.bytesOf(modelId) + (this.writing.get(modelId) ?? 0) + bytes <= this.quotaBytes;
    // Files removed by hand since the last listing count as gone: measure again before refusing.
    if (!fits()) await this.index.sync();
    if (!fits()) throw quotaExceeded(modelId, this.index.bytesOf(modelId), this.quotaBytes, bytes);
    this.writing.set(modelId, (this.writing.get(modelId) ?? 0) + bytes);
    return () => this.writing.set(modelId, this.writing.get(modelId)! - bytes);
  }

  private async write(modelId: string, label: string, png: Uint8Array, now: Date): Promise<StoredFeedback> {
    const modelDir = modelDirName(modelId);
    const labelDir = labelToDirName(label);
    if (modelDir === '' || labelDir === '') {
      throw new GlyphError('BAD_USAGE', 'Feedback needs a non-empty model id and label.');
    }
    const dir = path.join(this.rootDir, modelDir, labelDir);
    const fileName = `${newId(now)}.png`;
    const finalPath = path.join(dir, fileName);
    await writeFileAtomic(finalPath, png);
    // The rename keeps the time the content was written; the index records it as a listing would.
    const { mtimeMs } = await stat(finalPath);
    const relativePath = [modelDir, labelDir, fileName].join('/');
    this.index.noteStored({ model: modelId, label, path: relativePath, bytes: png.length, mtimeMs });
    return { relativePath };
  }
}
