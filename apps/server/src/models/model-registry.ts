import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError, isGlyphError, type ErrorCode } from '@glyph/core';
import type { Recognition, Recognizer } from '@glyph/core/recognize';
import type { FastifyBaseLogger } from 'fastify';
import type { MicroBatcher } from '../micro-batcher';
import { createBatcher, type BatchingOptions, type PredictionRequest } from './batched-recognizer';
import { warmUpImage } from './warm-up-image';

export interface ServedModel {
  readonly id: string;
  readonly folder: string;
  readonly recognizer: Recognizer;
  readonly batcher: MicroBatcher<PredictionRequest, Recognition>;
}

export interface SkippedModelFolder {
  readonly folder: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/** The model `POST /predict/` uses unless configured otherwise: the 62-class character model. */
const preferredDefaultId = 'chars';

export type RegistryState = 'loading' | 'ready' | 'closed';

export interface ModelRegistryOptions {
  readonly modelsDir: string;
  readonly loadRecognizer: (folder: string) => Promise<Recognizer>;
  readonly batching: BatchingOptions;
  readonly log: FastifyBaseLogger;
  readonly onBatch?: (modelId: string, size: number, durationMs: number) => void;
}

/**
 * The served models: every sub-folder of the models directory, loaded one after another, validated
 * and warmed up with one prediction. A folder that fails is reported and skipped; the rest serve.
 */
export class ModelRegistry {
  private readonly models = new Map<string, ServedModel>();
  private readonly skippedFolders: SkippedModelFolder[] = [];
  private readonly pendingFolders = new Set<string>();
  private currentState: RegistryState = 'loading';
  /** Settles (never rejects) once every folder has been tried. */
  readonly loaded: Promise<void>;

  constructor(private readonly options: ModelRegistryOptions) {
    this.loaded = this.loadAll().finally(() => {
      if (this.currentState === 'loading') this.currentState = 'ready';
    });
  }

  get state(): RegistryState {
    return this.currentState;
  }

  get skipped(): readonly SkippedModelFolder[] {
    return this.skippedFolders;
  }

  /** Each folder's outcome so far, named by model id once loaded, else by folder name. */
  loadStates(): { model: string; state: 'loading' | 'ready' | 'failed' }[] {
    return [
      ...[...this.pendingFolders].map((folder) => ({
        model: path.basename(folder),
        state: 'loading' as const,
      })),
      ...this.list().map((model) => ({ model: model.id, state: 'ready' as const })),
      ...this.skippedFolders.map((skipped) => ({
        model: path.basename(skipped.folder),
        state: 'failed' as const,
      })),
    ];
  }

  list(): ServedModel[] {
    return [...this.models.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The model with this id; NOT_READY while loading could still bring it, else MODEL_NOT_FOUND. */
  require(id: string): ServedModel {
    const model = this.models.get(id);
    if (model) return model;
    if (this.currentState === 'loading') {
      throw new GlyphError(
        'NOT_READY',
        `Model "${id}" is not loaded yet; the server is still loading models.`,
        {
          details: { retryAfterSeconds: 1 },
        },
      );
    }
    const known = this.list().map((served) => served.id);
    throw new GlyphError(
      'MODEL_NOT_FOUND',
      `No model "${id}" is served. Served models: ${known.length > 0 ? known.join(', ') : 'none'} (GET /api/models lists them).`,
    );
  }

  /** The model of `POST /predict/`: `preferredId` if given, else `chars`, else the first character model. */
  defaultCharacterModel(preferredId: string | undefined): ServedModel {
    if (preferredId !== undefined) return this.require(preferredId);
    const chosen =
      this.models.get(preferredDefaultId) ??
      this.list().find((model) => model.recognizer.metadata.task === 'character');
    if (chosen && this.currentState !== 'loading') return chosen;
    if (this.currentState === 'loading') return this.require(preferredDefaultId);
    throw new GlyphError(
      'MODEL_NOT_FOUND',
      'No character model is served, and POST /predict/ answers with one. Add a character model folder, or start the server with --default-model <id>.',
    );
  }

  /**
   * Loads the model folder at `loadFrom` (validated and warmed up as at start-up), runs `beforeServing`
   * (e.g. moving the folder into place), then serves it from `folder` under its model id, replacing
   * the model that id served before; the replaced one finishes its queued predictions and is freed.
   * Nothing changes when loading or `beforeServing` fails. Returns the served model and whether it
   * replaced one.
   */
  async serveFolder(
    loadFrom: string,
    folder: string,
    beforeServing: (metadata: Recognizer['metadata']) => Promise<void>,
  ): Promise<{ served: ServedModel; replaced: boolean }> {
    if (this.currentState !== 'ready') {
      throw new GlyphError(
        'NOT_READY',
        `Models cannot be added while the server is ${this.currentState}; retry once GET /readyz answers 200.`,
        { details: { retryAfterSeconds: 1 } },
      );
    }
    const served = await this.prepare(loadFrom, folder);
    try {
      await beforeServing(served.recognizer.metadata);
    } catch (error) {
      await served.batcher.close();
      served.recognizer.dispose();
      throw error;
    }
    const previous = this.models.get(served.id);
    this.models.set(served.id, served);
    this.options.log.info({ model: served.id, folder, replaced: previous !== undefined }, 'model ready');
    if (previous) {
      await previous.batcher.close();
      previous.recognizer.dispose();
    }
    return { served, replaced: previous !== undefined };
  }

  /** A loaded, warmed-up model with its batcher, not yet served. */
  private async prepare(loadFrom: string, folder: string): Promise<ServedModel> {
    const recognizer = await this.options.loadRecognizer(loadFrom);
    try {
      const { id } = recognizer.metadata;
      await recognizer.recognizeBatch([warmUpImage(recognizer.metadata.input)], { top: 1 });
      const batcher = createBatcher(recognizer, this.options.batching, (size, ms) =>
        this.options.onBatch?.(id, size, ms),
      );
      return { id, folder, recognizer, batcher };
    } catch (error) {
      recognizer.dispose();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.loaded;
    this.currentState = 'closed';
    const models = this.list();
    await Promise.all(models.map((model) => model.batcher.close()));
    for (const model of models) model.recognizer.dispose();
    this.models.clear();
  }

  private async loadAll(): Promise<void> {
    let entries: string[];
    try {
      const dirents = await readdir(this.options.modelsDir, { withFileTypes: true });
      entries = dirents
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      this.skip(this.options.modelsDir, error);
      return;
    }
    const folders = entries.map((name) => path.join(this.options.modelsDir, name));
    for (const folder of folders) this.pendingFolders.add(folder);
    // One at a time: loading is CPU-bound, and requests may already be arriving.
    for (const folder of folders) {
      await this.loadOne(folder);
      this.pendingFolders.delete(folder);
    }
    this.options.log.info(
      { models: this.list().map((model) => model.id), skipped: this.skippedFolders.length },
      'models loaded',
    );
  }

  private async loadOne(folder: string): Promise<void> {
    let recognizer: Recognizer | undefined;
    try {
      recognizer = await this.options.loadRecognizer(folder);
      const { id } = recognizer.metadata;
      const existing = this.models.get(id);
      if (existing) {
        throw new GlyphError(
          'MODEL_INVALID',
          `Model id "${id}" is already served from ${existing.folder}; ids must be unique.`,
        );
      }
      await recognizer.recognizeBatch([warmUpImage(recognizer.metadata.input)], { top: 1 });
      const batcher = createBatcher(recognizer, this.options.batching, (size, ms) =>
        this.options.onBatch?.(id, size, ms),
      );
      this.models.set(id, { id, folder, recognizer, batcher });
      this.options.log.info({ model: id, folder }, 'model ready');
    } catch (error) {
      recognizer?.dispose();
      this.skip(folder, error);
    }
  }

  private skip(folder: string, error: unknown): void {
    const code: ErrorCode = isGlyphError(error) ? error.code : 'MODEL_INVALID';
    const message = error instanceof Error ? error.message : String(error);
    this.skippedFolders.push({ folder, code, message });
    this.options.log.error({ folder, code, err: error }, `model folder skipped: ${message}`);
  }
}
