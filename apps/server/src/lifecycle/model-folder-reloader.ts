import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import type { FastifyBaseLogger } from 'fastify';
import type { ModelRegistry } from '../models/model-registry';

/** What one reload did. */
export interface ReloadReport {
  /** Model ids served from a folder that was not served before. */
  readonly added: readonly string[];
  /** Model ids whose folder changed and now serve the new files. */
  readonly replaced: readonly string[];
  /** Folders whose files had not changed, left as they were. */
  readonly unchanged: number;
  /** Folders that failed to load; the model they held (if any) keeps serving. */
  readonly failed: readonly { folder: string; message: string }[];
}

/**
 * Re-reads the models directory on request (SIGHUP): a new model folder is loaded and served, a
 * folder whose files changed replaces the model it holds, each through the registry's `serveFolder`
 * (loaded and warmed up beside the old one, which finishes its queued predictions). Requests keep
 * being answered throughout. A removed folder keeps serving until the next restart.
 */
export class ModelFolderReloader {
  private readonly signatures = new Map<string, string>();
  private running: Promise<unknown> = Promise.resolve();
  private readonly ready: Promise<void>;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly modelsDir: string,
    private readonly log: FastifyBaseLogger,
  ) {
    // What was there when the start-up load finished is the baseline "unchanged" is judged against.
    this.ready = registry.loaded.then(async () => {
      for (const folder of await this.folders()) this.signatures.set(folder, await signature(folder));
    });
  }

  /** Reloads what changed; reloads asked for while one runs run after it, one at a time. */
  reload(): Promise<ReloadReport> {
    const next = this.running.then(() => this.reloadNow());
    this.running = next.catch(() => {});
    return next;
  }

  private async reloadNow(): Promise<ReloadReport> {
    await this.ready;
    const added: string[] = [];
    const replaced: string[] = [];
    const failed: { folder: string; message: string }[] = [];
    let unchanged = 0;
    for (const folder of await this.folders()) {
      const current = await signature(folder);
      if (this.signatures.get(folder) === current) {
        unchanged += 1;
        continue;
      }
      try {
        const result = await this.registry.serveFolder(folder, folder, async (metadata) =>
          this.assertIdFree(metadata.id, folder),
        );
        (result.replaced ? replaced : added).push(result.served.id);
        this.signatures.set(folder, current);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failed.push({ folder, message });
        this.log.error({ folder, err: error }, `model folder not reloaded: ${message}`);
      }
    }
    const report = { added, replaced, unchanged, failed };
    this.log.info(report, 'models directory reloaded');
    return report;
  }

  /** A folder may not take over an id another folder serves (ids are unique, as at start). */
  private assertIdFree(id: string, folder: string): void {
    const other = this.registry.list().find((model) => model.id === id);
    if (other && path.resolve(other.folder) !== path.resolve(folder)) {
      throw new GlyphError(
        'MODEL_INVALID',
        `Model id "${id}" is already served from ${other.folder}; ids must be unique.`,
      );
    }
  }

  /** The model folders as the registry reads them at start: visible sub-folders. */
  private async folders(): Promise<string[]> {
    const entries = await readdir(this.modelsDir, { withFileTypes: true }).catch(() => [] as Dirent[]);
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => path.join(this.modelsDir, entry.name))
      .sort();
  }
}

/** Every file under `folder` with its size and modification time: changes when any file does. */
async function signature(folder: string): Promise<string> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => [] as Dirent[]);
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        const info = await stat(file).catch(() => undefined);
        return `${path.relative(folder, file)}:${info?.size}:${info?.mtimeMs}`;
      }),
  );
  return files.sort().join('\n');
}
