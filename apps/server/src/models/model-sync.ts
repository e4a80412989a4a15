import { GlyphError, isGlyphError, type ErrorCode } from '@glyph/core';
import type { FastifyBaseLogger } from 'fastify';
import {
  discoverModelSlots,
  versionSignature,
  type ModelSlot,
  type ModelVersionFolder,
} from './model-versions';
import type { ServedModel } from './served-model';
import { validateModelFolder } from './validate-model-folder';

/** A model folder or version that is not served, with the reason (GET /readyz lists them). */
export interface ModelProblem {
  readonly folder: string;
  readonly version?: number;
  readonly code: ErrorCode;
  readonly message: string;
}

/** What one pass over the models directory changed. */
export interface SyncReport {
  readonly added: readonly { model: string; version: number }[];
  readonly replaced: readonly { model: string; from: number; to: number }[];
  readonly removed: readonly { model: string; version: number }[];
  /** Models left serving the version they served. */
  readonly unchanged: number;
  /** Versions (or folders) that could not be served; the version served before keeps serving. */
  readonly failed: readonly ModelProblem[];
}

/** What the directory pass needs of the registry. */
export interface ServedModels {
  list(): ServedModel[];
  prepare(slot: string, version: ModelVersionFolder, signature: string): Promise<ServedModel>;
  /** Serves `model` in place of what its slot served; the replaced version drains, then is freed. */
  install(model: ServedModel, previous: ServedModel | undefined): void;
  unload(model: ServedModel): void;
}

type Outcome = 'added' | 'replaced' | 'unchanged' | 'kept';

/**
 * Brings the served models in line with the models directory: per model folder, the pinned version
 * or else the highest version that loads. A version is validated completely, loaded and warmed up
 * beside the one serving before it replaces it; one that fails is remembered with its files'
 * signature and not tried again until they change. Removed folders and versions are unloaded.
 */
export class ModelDirectorySync {
  private readonly failures = new Map<string, { signature: string; problem: ModelProblem }>();
  private slotProblems: ModelProblem[] = [];
  private readonly onDisk = new Map<string, number[]>();
  /** Folders not yet tried in the first pass. */
  readonly pending = new Set<string>();

  constructor(
    private readonly modelsDir: string,
    private readonly pins: ReadonlyMap<string, number>,
    private readonly served: ServedModels,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Versions that failed (with their current files) and folders that serve nothing, as of the last pass. */
  get problems(): ModelProblem[] {
    const failed = [...this.failures.values()].map((failure) => failure.problem);
    return [...this.slotProblems, ...failed].sort(
      (a, b) => a.folder.localeCompare(b.folder) || (a.version ?? 0) - (b.version ?? 0),
    );
  }

  /** The version numbers on disk for a slot, highest first, as of the last pass. */
  versionsOnDisk(slot: string): readonly number[] {
    return this.onDisk.get(slot) ?? [];
  }

  async run(first: boolean): Promise<SyncReport> {
    let slots: ModelSlot[];
    try {
      slots = await discoverModelSlots(this.modelsDir);
    } catch (error) {
      this.slotProblems = [problemOf(this.modelsDir, undefined, error)];
      return { added: [], replaced: [], removed: [], unchanged: 0, failed: this.slotProblems };
    }
    if (first) for (const slot of slots) this.pending.add(slot.dir);
    this.forgetMissing(slots);
    const report = { added: [], replaced: [], removed: [], unchanged: 0, failed: [] } as {
      -readonly [K in keyof SyncReport]: SyncReport[K] extends readonly (infer T)[] ? T[] : SyncReport[K];
    };
    this.slotProblems = [];
    for (const slot of slots) {
      const before = this.servedIn(slot.name);
      const outcome = await this.syncSlot(slot, before);
      this.pending.delete(slot.dir);
      const after = this.servedIn(slot.name);
      if (outcome === 'added' && after) report.added.push({ model: after.id, version: after.version });
      else if (outcome === 'replaced' && after && before) {
        report.replaced.push({ model: after.id, from: before.version, to: after.version });
      } else if (before && !after) report.removed.push({ model: before.id, version: before.version });
      else if (outcome === 'unchanged') report.unchanged += 1;
    }
    const present = new Set(slots.map((slot) => slot.name));
    for (const model of this.served.list().filter((served) => !present.has(served.slot))) {
      this.served.unload(model);
      report.removed.push({ model: model.id, version: model.version });
    }
    report.failed.push(...this.problems);
    return report;
  }

  private async syncSlot(slot: ModelSlot, current: ServedModel | undefined): Promise<Outcome> {
    this.onDisk.set(
      slot.name,
      slot.versions.map((entry) => entry.version),
    );
    const pin = this.pins.get(slot.name);
    const candidates = pin === undefined ? slot.versions : slot.versions.filter((v) => v.version === pin);
    if (candidates.length === 0) {
      this.slotProblems.push(emptySlotProblem(slot, pin));
      if (current) this.served.unload(current);
      return 'kept';
    }
    for (const candidate of candidates) {
      const isCurrent = current?.folder === candidate.folder;
      const signature = await versionSignature(candidate.folder);
      if (isCurrent && current?.signature === signature) return 'unchanged';
      if (this.failures.get(candidate.folder)?.signature === signature) {
        if (isCurrent) return 'kept';
        continue;
      }
      try {
        await this.serve(slot, candidate, signature, current);
        return current ? 'replaced' : 'added';
      } catch (error) {
        const problem = problemOf(candidate.folder, candidate.version, error);
        this.failures.set(candidate.folder, { signature, problem });
        this.log.error(
          { folder: candidate.folder, version: candidate.version, code: problem.code, err: error },
          `model version not served: ${problem.message}`,
        );
        // The version serving now stays, even when its own files changed into something broken.
        if (isCurrent) return 'kept';
      }
    }
    // Nothing at or above what serves could be loaded, and what serves is gone from disk.
    if (current && !slot.versions.some((entry) => entry.folder === current.folder))
      this.served.unload(current);
    return 'kept';
  }

  private async serve(
    slot: ModelSlot,
    candidate: ModelVersionFolder,
    signature: string,
    current: ServedModel | undefined,
  ): Promise<void> {
    await validateModelFolder(candidate.folder);
    const model = await this.served.prepare(slot.name, candidate, signature);
    const other = this.served.list().find((served) => served.id === model.id && served.slot !== slot.name);
    if (other) {
      this.served.unload(model);
      throw new GlyphError(
        'MODEL_INVALID',
        `Model id "${model.id}" is already served from ${other.folder}; ids must be unique.`,
      );
    }
    this.failures.delete(candidate.folder);
    this.served.install(model, current);
  }

  private servedIn(slot: string): ServedModel | undefined {
    return this.served.list().find((model) => model.slot === slot);
  }

  /** Failures of versions no longer on disk are no longer problems. */
  private forgetMissing(slots: readonly ModelSlot[]): void {
    const folders = new Set(slots.flatMap((slot) => slot.versions.map((entry) => entry.folder)));
    for (const folder of this.failures.keys()) if (!folders.has(folder)) this.failures.delete(folder);
  }
}

function emptySlotProblem(slot: ModelSlot, pin: number | undefined): ModelProblem {
  const found = slot.versions.map((entry) => entry.version).join(', ') || 'none';
  const message =
    pin === undefined
      ? `${slot.dir} holds neither model.json nor a version folder (1/, 2/, …): nothing to serve.`
      : `${slot.dir} is pinned to version ${pin}, which it does not hold (versions: ${found}). Publish that version, or change --model-version.`;
  return { folder: slot.dir, code: 'MODEL_NOT_FOUND', message };
}

function problemOf(folder: string, version: number | undefined, error: unknown): ModelProblem {
  const code: ErrorCode = isGlyphError(error) ? error.code : 'MODEL_INVALID';
  const message = error instanceof Error ? error.message : String(error);
  return { folder, ...(version !== undefined && { version }), code, message };
}
