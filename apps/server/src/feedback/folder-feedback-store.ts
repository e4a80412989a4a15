import { readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from './durable-fs';
import { FeedbackEditor } from './feedback-editor';
import type { FeedbackOperation, UndoTarget } from './feedback-operation';
import { FeedbackIndex, type IndexedSample } from './feedback-index';
import type { FeedbackStore, NewSample, StoredFeedback } from './feedback-store';
import { FolderSampleWriter } from './folder-sample-writer';
import type { FeedbackListing } from './list-feedback';
import { existingFile, parseSamplePath } from './sample-path';

/**
 * The feedback store in a folder, `<dir>/<model>/<label>/<time>-<id>.png` (a `folder:` dataset per
 * model), with `.trash/` and `.operations/` beside the models: the default backend. Listings come
 * from an in-memory index of the folder, so one process must own the folder (no replicas).
 */
export class FolderFeedbackStore implements FeedbackStore {
  readonly description: string;
  private readonly index: FeedbackIndex;
  private readonly writer: FolderSampleWriter;
  private readonly editor: FeedbackEditor;

  constructor(
    readonly rootDir: string,
    quotaBytes = Number.POSITIVE_INFINITY,
  ) {
    this.description = `folder ${rootDir}`;
    this.index = new FeedbackIndex(rootDir);
    this.writer = new FolderSampleWriter(rootDir, this.index, quotaBytes);
    this.editor = new FeedbackEditor(rootDir);
  }

  ready(): Promise<void> {
    return this.index.loaded();
  }

  async save(modelId: string, label: string, png: Uint8Array, _origin?: unknown, now = new Date()) {
    return (await this.writer.saveAll(modelId, [{ label, png }], now))[0];
  }

  saveAll(modelId: string, samples: readonly NewSample[], _origin?: unknown, now = new Date()) {
    return this.writer.saveAll(modelId, samples, now);
  }

  async discard(stored: readonly StoredFeedback[]): Promise<void> {
    for (const { relativePath } of stored) {
      if (parseSamplePath(relativePath) === null) continue;
      const file = path.join(this.rootDir, ...relativePath.split('/'));
      await rm(file, { force: true });
      await syncDir(path.dirname(file));
      // A label folder left empty would make `folder:` training refuse the dataset.
      await rmdir(path.dirname(file)).catch(() => undefined);
    }
  }

  list(options: { readonly model?: string; readonly limit: number }): Promise<FeedbackListing> {
    return this.index.list(options);
  }

  samples(model?: string): Promise<IndexedSample[]> {
    return this.index.samples(model);
  }

  async read(relativePath: string): Promise<Uint8Array | null> {
    const file =
      parseSamplePath(relativePath) === null ? null : await existingFile(this.rootDir, relativePath);
    return file === null ? null : readFile(file).catch(() => null);
  }

  async bytesOf(modelId: string): Promise<number> {
    await this.index.loaded();
    await this.index.sync();
    return this.index.bytesOf(modelId);
  }

  relabel(relativePath: string, label: string, now?: Date): Promise<FeedbackOperation> {
    return this.editor.relabel(relativePath, label, now);
  }

  delete(relativePath: string, now?: Date): Promise<FeedbackOperation> {
    return this.editor.delete(relativePath, now);
  }

  undo(target: UndoTarget, now?: Date): Promise<FeedbackOperation> {
    return this.editor.undo(target, now);
  }

  operations(limit: number): Promise<FeedbackOperation[]> {
    return this.editor.operations(limit);
  }

  async close(): Promise<void> {}
}
