import type { Pool, PoolClient } from 'pg';
import { trashDirName, operationIdPattern } from '../feedback-editor';
import type { FeedbackOperation, UndoTarget } from '../feedback-operation';
import {
  alreadyLabelled,
  cannotUndo,
  noSuchOperation,
  notASamplePath,
  nothingToUndo,
  sampleNotFound,
} from '../edit-errors';
import { newId } from '../sample-id';
import { parseSamplePath, sampleIdOf, type SampleLocation } from '../sample-path';
import { operationOf, operationsWithPlace, samplePath, type OperationPlaceRow } from './pg-rows';
import { inTransaction, readWithRetries, type RetryOptions } from './pg-retry';

/**
 * Relabel, delete (into the trash: `trashed_at` set, the row kept) and undo in PostgreSQL, each one
 * transaction that records the operation and changes the sample together, with the sample's row
 * locked, so any replica can undo what another did. Operation states are read from where the sample
 * is now, exactly as the folder store reads them from where the file is.
 */
export class PgSampleEditor {
  constructor(
    private readonly pool: Pool,
    private readonly retry: RetryOptions,
  ) {}

  async relabel(relativePath: string, label: string, now = new Date()): Promise<FeedbackOperation> {
    const sample = requirePath(relativePath);
    const to = { label, path: samplePath(sample.modelId, label, sampleIdOf(sample.fileName)) };
    return this.apply(sample, 'relabel', to, now);
  }

  async delete(relativePath: string, now = new Date()): Promise<FeedbackOperation> {
    const sample = requirePath(relativePath);
    return this.apply(sample, 'delete', { label: null, path: `${trashDirName}/${relativePath}` }, now);
  }

  async undo(target: UndoTarget, now = new Date()): Promise<FeedbackOperation> {
    if (target.operation !== undefined && !operationIdPattern.test(target.operation)) {
      throw noSuchOperation(target.operation);
    }
    return inTransaction(this.pool, this.retry, async (client) => {
      const operation = await this.findForUndo(client, target);
      // Lock the sample, then read the state again under the lock.
      await client.query('SELECT 1 FROM feedback_samples WHERE id = $1 FOR UPDATE', [operation.sample]);
      const current = (await this.operationsWhere(client, 'o.id = $1', [operation.id]))[0];
      // A retry after a lost COMMIT finds its own undo done.
      if (current.state === 'undone' && current.undoneAt === now.toISOString()) return current;
      if (current.state !== 'applied') throw cannotUndo(current);
      await client.query('UPDATE feedback_samples SET label = $2, trashed_at = NULL WHERE id = $1', [
        current.sample,
        current.from.label,
      ]);
      await client.query('UPDATE feedback_operations SET undone_at = $2 WHERE id = $1', [current.id, now]);
      return { ...current, undoneAt: now.toISOString(), state: 'undone' as const };
    });
  }

  async operations(limit: number): Promise<FeedbackOperation[]> {
    return readWithRetries(this.pool, this.retry, (client) =>
      this.operationsWhere(client, 'true ORDER BY o.id DESC LIMIT $1', [limit]),
    );
  }

  private apply(
    sample: SampleLocation,
    kind: 'relabel' | 'delete',
    to: { readonly label: string | null; readonly path: string },
    now: Date,
  ): Promise<FeedbackOperation> {
    const id = newId(now);
    const sampleId = sampleIdOf(sample.fileName);
    return inTransaction(this.pool, this.retry, async (client, attempt) => {
      if (attempt > 0) {
        // The first attempt's COMMIT may have landed before its answer was lost.
        const done = await this.operationsWhere(client, 'o.id = $1', [id]);
        if (done.length > 0) return done[0];
      }
      const { rows } = await client.query<{ label: string; trashed_at: Date | null }>(
        'SELECT label, trashed_at FROM feedback_samples WHERE id = $1 AND model = $2 FOR UPDATE',
        [sampleId, sample.modelId],
      );
      if (rows.length === 0 || rows[0].trashed_at !== null || rows[0].label !== sample.label) {
        throw sampleNotFound(sample.relativePath);
      }
      if (kind === 'relabel' && to.label === sample.label)
        throw alreadyLabelled(sample.relativePath, sample.label);
      await client.query(
        `INSERT INTO feedback_operations (id, kind, model, sample, from_label, from_path, to_label, to_path, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, kind, sample.modelId, sampleId, sample.label, sample.relativePath, to.label, to.path, now],
      );
      if (kind === 'relabel') {
        await client.query('UPDATE feedback_samples SET label = $2 WHERE id = $1', [sampleId, to.label]);
      } else {
        await client.query('UPDATE feedback_samples SET trashed_at = $2 WHERE id = $1', [sampleId, now]);
      }
      return (await this.operationsWhere(client, 'o.id = $1', [id]))[0];
    });
  }

  private async findForUndo(client: PoolClient, target: UndoTarget): Promise<FeedbackOperation> {
    if (target.operation !== undefined) {
      const found = await this.operationsWhere(client, 'o.id = $1', [target.operation]);
      if (found.length === 0) throw noSuchOperation(target.operation);
      return found[0];
    }
    const ofSample = await this.operationsWhere(client, 'o.sample = $1 ORDER BY o.id DESC', [target.sample]);
    const applied = ofSample.find((operation) => operation.state === 'applied');
    if (!applied) throw nothingToUndo(target.sample);
    return applied;
  }

  private async operationsWhere(
    client: PoolClient,
    condition: string,
    values: unknown[],
  ): Promise<FeedbackOperation[]> {
    const { rows } = await client.query<OperationPlaceRow>(
      `${operationsWithPlace} WHERE ${condition}`,
      values,
    );
    return rows.map(operationOf);
  }
}

/**
 * The parsed path, or BAD_USAGE as the folder store answers a malformed one; a path this store
 * never writes (`….PNG`) names no sample.
 */
function requirePath(relativePath: string): SampleLocation {
  const location = parseSamplePath(relativePath);
  if (location === null) throw notASamplePath(relativePath);
  if (canonicalPath(location) !== relativePath) throw sampleNotFound(relativePath);
  return location;
}

/** The path the store writes for the sample a parsed path names. */
export function canonicalPath(location: SampleLocation): string {
  return samplePath(location.modelId, location.label, sampleIdOf(location.fileName));
}
