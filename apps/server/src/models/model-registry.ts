import { GlyphError } from '@glyph/core';
import type { FastifyBaseLogger } from 'fastify';
import { createBatcher, type BatchingOptions } from './batched-recognizer';
import { ModelDirectorySync, type ModelProblem, type SyncReport } from './model-sync';
import type { ModelVersionFolder } from './model-versions';
import { InFlight, retireModel, type ServedModel } from './served-model';
import type { ServedRecognizer } from './served-recognizer';
import { warmUpImage } from './warm-up-image';

export type { ServedModel } from './served-model';
export type { ModelProblem, SyncReport } from './model-sync';

/** The model `POST /predict/` uses unless configured otherwise: the 62-class character model. */
const preferredDefaultId = 'chars';

export type RegistryState = 'loading' | 'ready' | 'closed';

export interface ModelRegistryOptions {
  readonly modelsDir: string;
  readonly loadRecognizer: (folder: string) => Promise<ServedRecognizer>;
  readonly batching: BatchingOptions;
  readonly log: FastifyBaseLogger;
  /** Versions to serve instead of the latest, by model folder name. */
  readonly pinnedVersions?: ReadonlyMap<string, number>;
  readonly onBatch?: (modelId: string, size: number, durationMs: number) => void;
}

/**
 * The served models: one version per model folder of the models directory (the pinned one, else the
 * highest that loads), each validated and warmed up with one prediction before it serves. `sync()`
 * re-reads the directory (polling, SIGHUP, the reload route): a new version is loaded beside the one
 * serving and takes its place atomically; the old one finishes its queued predictions, then is freed.
 */
export class ModelRegistry {
  private readonly models = new Map<string, ServedModel>();
  private readonly retiring = new Set<Promise<void>>();
  private readonly directory: ModelDirectorySync;
  private currentState: RegistryState = 'loading';
  private isDraining = false;
  private syncing: Promise<unknown> = Promise.resolve();
  /** Settles (never rejects) once every folder has been tried. */
  readonly loaded: Promise<void>;

  constructor(private readonly options: ModelRegistryOptions) {
    this.directory = new ModelDirectorySync(
      options.modelsDir,
      options.pinnedVersions ?? new Map(),
      this,
      options.log,
    );
    this.loaded = this.sync().then(
      (report) => {
        if (this.currentState === 'loading') this.currentState = 'ready';
        options.log.info(
          { models: this.list().map(({ id, version }) => ({ id, version })), skipped: report.failed.length },
          'models loaded',
        );
      },
      () => {},
    );
  }

  get state(): RegistryState {
    return this.currentState;
  }

  /** Whether the server is on its way out: `/readyz` answers 503 while requests are still served. */
  get draining(): boolean {
    return this.isDraining;
  }

  /** The first step of a graceful stop (`--drain-seconds`): readiness off, predictions still served. */
  startDraining(): void {
    this.isDraining = true;
  }

  /** Model folders and versions that are not served, with the reason. */
  get skipped(): readonly ModelProblem[] {
    return this.directory.problems;
  }

  /** Re-reads the models directory and serves what changed; passes run one at a time. */
  sync(): Promise<SyncReport> {
    const first = this.currentState === 'loading';
    const next = this.syncing.then(() => {
      if (this.currentState === 'closed') throw new GlyphError('NOT_READY', 'The server is shutting down.');
      return this.directory.run(first);
    });
    this.syncing = next.catch(() => {});
    return next;
  }

  /** Each model's outcome so far: served (with its version), still loading, or failed. */
  loadStates(): { model: string; version?: number; state: 'loading' | 'ready' | 'failed' }[] {
    const name = (folder: string) => folder.slice(this.options.modelsDir.length).replace(/^[\\/]+/, '');
    return [
      ...[...this.directory.pending].map((folder) => ({ model: name(folder), state: 'loading' as const })),
      ...this.list().map((model) => ({ model: model.id, version: model.version, state: 'ready' as const })),
      ...this.skipped.map((problem) => ({
        model: name(problem.folder).split(/[\\/]/)[0],
        ...(problem.version !== undefined && { version: problem.version }),
        state: 'failed' as const,
      })),
    ];
  }

  /** The version numbers on disk for a served model, highest first. */
  versionsOnDisk(model: ServedModel): readonly number[] {
    return this.directory.versionsOnDisk(model.slot);
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
        { details: { retryAfterSeconds: 1 } },
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

  /** A loaded, warmed-up version with its own batcher, not yet served. */
  async prepare(
    slot: string,
    { version, folder }: ModelVersionFolder,
    signature: string,
  ): Promise<ServedModel> {
    const recognizer = await this.options.loadRecognizer(folder);
    try {
      const { id } = recognizer.metadata;
      await recognizer.recognizeBatch([warmUpImage(recognizer.metadata.input)], { top: 1 });
      const batcher = createBatcher(recognizer, this.options.batching, (size, ms) =>
        this.options.onBatch?.(id, size, ms),
      );
      return { id, version, folder, slot, signature, recognizer, batcher, outside: new InFlight() };
    } catch (error) {
      recognizer.dispose();
      throw error;
    }
  }

  /** Serves `model` from now on (one synchronous step), and retires the version it replaces. */
  install(model: ServedModel, previous: ServedModel | undefined): void {
    if (previous && this.models.get(previous.id) === previous) this.models.delete(previous.id);
    this.models.set(model.id, model);
    this.options.log.info(
      { model: model.id, version: model.version, folder: model.folder, replaced: previous?.version },
      'model ready',
    );
    if (previous) this.retire(previous);
  }

  /** Stops serving `model` (if it serves) and frees it once its queued predictions are done. */
  unload(model: ServedModel): void {
    if (this.models.get(model.id) === model) {
      this.models.delete(model.id);
      this.options.log.info({ model: model.id, version: model.version }, 'model unloaded');
    }
    this.retire(model);
  }

  /** Resolves once every replaced or unloaded version has drained and been freed. */
  async retired(): Promise<void> {
    while (this.retiring.size > 0) await Promise.all(this.retiring);
  }

  async close(): Promise<void> {
    await this.loaded;
    this.currentState = 'closed';
    await this.syncing;
    for (const model of this.list()) this.unload(model);
    await this.retired();
  }

  private retire(model: ServedModel): void {
    const done = retireModel(model).catch((error: unknown) =>
      this.options.log.error(
        { model: model.id, version: model.version, err: error },
        'freeing a model failed',
      ),
    );
    this.retiring.add(done);
    void done.finally(() => this.retiring.delete(done));
  }
}
