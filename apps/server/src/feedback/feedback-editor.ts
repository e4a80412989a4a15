import { lstat, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import { labelToDirName } from '@glyph/node/datasets';
import { moveFile, writeFileAtomic } from './durable-fs';
import { alreadyLabelled, cannotUndo, noSuchOperation, nothingToUndo } from './edit-errors';
import type {
  FeedbackOperation,
  OperationKind,
  OperationRecord,
  OperationState,
  UndoTarget,
} from './feedback-operation';
import { newId } from './sample-id';
import { existingFile, parseSamplePath, requireSample, sampleIdOf, type SampleLocation } from './sample-path';

/** Beside the model folders; hidden, so neither listings nor `folder:` datasets see them. */
export const trashDirName = '.trash';
export const operationsDirName = '.operations';

export const operationIdPattern = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

/**
 * Relabels (moves a sample to another label's folder), deletes (moves it into `.trash/`, keeping
 * its path) and undoes either, in the feedback directory. Each change is recorded first, then made
 * by one `rename`, so after a crash at any point a sample is in exactly one place and every record
 * tells the truth through its state (see `OperationState`), which is read from where the file is.
 * One change at a time per store, so a check ("the target is free") holds until the move.
 */
export class FeedbackEditor {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly rootDir: string) {}

  relabel(relativePath: string, label: string, now = new Date()): Promise<FeedbackOperation> {
    return this.exclusive(async () => {
      const sample = await requireSample(this.rootDir, relativePath);
      if (label === sample.label) {
        throw alreadyLabelled(relativePath, label);
      }
      const to = [sample.modelDir, labelToDirName(label), sample.fileName].join('/');
      return this.apply(sample, 'relabel', { label, path: to }, now);
    });
  }

  delete(relativePath: string, now = new Date()): Promise<FeedbackOperation> {
    return this.exclusive(async () => {
      const sample = await requireSample(this.rootDir, relativePath);
      const to = [trashDirName, sample.relativePath].join('/');
      return this.apply(sample, 'delete', { label: null, path: to }, now);
    });
  }

  /** Undoes one operation, named by id, or the latest applied one of a sample. */
  undo(target: UndoTarget, now = new Date()): Promise<FeedbackOperation> {
    return this.exclusive(async () => {
      const operation = await this.findForUndo(target);
      if (operation.state !== 'applied') {
        throw cannotUndo(operation);
      }
      if ((await lstat(this.resolve(operation.from.path)).catch(() => null)) !== null) {
        throw new GlyphError(
          'SAMPLE_CONFLICT',
          `Cannot undo ${operation.id}: ${operation.from.path} is taken by another file.`,
        );
      }
      await moveFile(this.resolve(operation.to.path), this.resolve(operation.from.path));
      // The move is the undo; the timestamp is for people reading the record.
      const record: OperationRecord = { ...recordOf(operation), undoneAt: now.toISOString() };
      await writeFileAtomic(this.recordPath(operation.id), `${JSON.stringify(record, null, 2)}\n`);
      return { ...record, state: 'undone' };
    });
  }

  /** The recorded operations, newest first, each with its state as the disk shows it now. */
  async operations(limit: number): Promise<FeedbackOperation[]> {
    const ids = (await this.recordIds()).slice(0, limit);
    const records = await Promise.all(ids.map((id) => this.readRecord(id)));
    return Promise.all(records.filter((record) => record !== null).map((record) => this.withState(record)));
  }

  private async apply(
    sample: SampleLocation & { readonly absolutePath: string },
    kind: OperationKind,
    to: OperationRecord['to'],
    now: Date,
  ): Promise<FeedbackOperation> {
    if ((await lstat(this.resolve(to.path)).catch(() => null)) !== null) {
      throw new GlyphError('SAMPLE_CONFLICT', `Cannot ${kind} ${sample.relativePath}: ${to.path} exists.`);
    }
    const record: OperationRecord = {
      id: newId(now),
      kind,
      model: sample.modelId,
      sample: sampleIdOf(sample.fileName),
      from: { label: sample.label, path: sample.relativePath },
      to,
      at: now.toISOString(),
    };
    // Record first: a crash before the move leaves a record whose state reads `undone`, never a
    // moved sample without a record to undo it by.
    await writeFileAtomic(this.recordPath(record.id), `${JSON.stringify(record, null, 2)}\n`);
    await moveFile(sample.absolutePath, this.resolve(to.path));
    return { ...record, state: 'applied' };
  }

  private async findForUndo(target: UndoTarget): Promise<FeedbackOperation> {
    if (target.operation !== undefined) {
      const record = operationIdPattern.test(target.operation)
        ? await this.readRecord(target.operation)
        : null;
      if (record === null) {
        throw noSuchOperation(target.operation);
      }
      return this.withState(record);
    }
    for (const id of await this.recordIds()) {
      const record = await this.readRecord(id);
      if (record === null || record.sample !== target.sample) continue;
      const operation = await this.withState(record);
      if (operation.state === 'applied') return operation;
    }
    throw nothingToUndo(target.sample);
  }

  private async withState(record: OperationRecord): Promise<FeedbackOperation> {
    const state: OperationState =
      (await existingFile(this.rootDir, record.to.path)) !== null
        ? 'applied'
        : (await existingFile(this.rootDir, record.from.path)) !== null
          ? 'undone'
          : 'superseded';
    return { ...record, state };
  }

  /** Record ids, newest first (ids start with the time). */
  private async recordIds(): Promise<string[]> {
    const names = await readdir(path.join(this.rootDir, operationsDirName)).catch(() => []);
    return names
      .filter((name) => name.endsWith('.json') && operationIdPattern.test(name.slice(0, -5)))
      .map((name) => name.slice(0, -5))
      .sort()
      .reverse();
  }

  private async readRecord(id: string): Promise<OperationRecord | null> {
    let record: OperationRecord;
    try {
      record = JSON.parse(await readFile(this.recordPath(id), 'utf8')) as OperationRecord;
    } catch {
      return null;
    }
    // Only paths the editor writes: a record edited by hand never moves a file outside the folder.
    const trashed = record.to?.path?.startsWith(`${trashDirName}/`);
    const toPath = trashed ? record.to.path.slice(trashDirName.length + 1) : record.to?.path;
    const valid =
      record.id === id &&
      parseSamplePath(String(record.from?.path)) !== null &&
      parseSamplePath(String(toPath)) !== null;
    return valid ? record : null;
  }

  private recordPath(id: string): string {
    return path.join(this.rootDir, operationsDirName, `${id}.json`);
  }

  private resolve(relativePath: string): string {
    return path.join(this.rootDir, ...relativePath.split('/'));
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function recordOf(operation: FeedbackOperation): OperationRecord {
  const { state: _state, ...record } = operation;
  return record;
}
