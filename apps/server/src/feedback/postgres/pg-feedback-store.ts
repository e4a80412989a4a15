import { GlyphError } from '@glyph/core';
import { labelToDirName } from '@glyph/node/datasets';
import pg from 'pg';
import type { FeedbackOperation, UndoTarget } from '../feedback-operation';
import type { IndexedSample } from '../feedback-index';
import { modelDirName, sampleUrl } from '../feedback-layout';
import type { FeedbackStore, NewSample, SampleOrigin, StoredFeedback } from '../feedback-store';
import { compare, type FeedbackCount, type FeedbackListing } from '../list-feedback';
import { quotaExceeded } from '../quota';
import { newId } from '../sample-id';
import { parseSamplePath, sampleIdOf } from '../sample-path';
import { migrate } from './pg-migrations';
import { inTransaction, isConnectionError, readWithRetries, type RetryOptions } from './pg-retry';
import { samplePath } from './pg-rows';
import { PgSampleEditor, canonicalPath } from './pg-sample-editor';
import { redactUrl } from './pg-url';

export interface PgFeedbackStoreOptions {
  /** `postgres://user:password@host:port/database` (any libpq-style URL `pg` takes). */
  readonly url: string;
  /** Bytes a model's samples and trash may take; a write beyond answers 507 and stores nothing. */
  readonly quotaBytes?: number;
  /** How long to retry a database that cannot be reached before answering 503 (default 5 s). */
  readonly retryMs?: number;
  /** Pooled connections (default 10). */
  readonly maxConnections?: number;
  /** Told of connection errors on idle pooled connections (a database restart). */
  readonly onIdleError?: (error: Error) => void;
}

interface ListedRow {
  readonly id: string;
  readonly model: string;
  readonly label: string;
}

/**
 * The feedback store in PostgreSQL (`--feedback-store postgres://…`): one row per sample with its
 * PNG (`bytea`), model, label, time, source, client and size; trash and operations in the database
 * too, so several server replicas share one store and each sees and undoes what another did. A
 * sample is acknowledged only once its INSERT committed. Answers (paths, listings, operations) are
 * the folder store's, path for path.
 */
export class PgFeedbackStore implements FeedbackStore {
  readonly description: string;
  private readonly pool: pg.Pool;
  private readonly retry: RetryOptions;
  private readonly editor: PgSampleEditor;
  private readonly quotaBytes: number;
  private migrated: Promise<void> | null = null;

  constructor(options: PgFeedbackStoreOptions) {
    this.description = redactUrl(options.url);
    this.quotaBytes = options.quotaBytes ?? Number.POSITIVE_INFINITY;
    const retryMs = options.retryMs ?? 5000;
    const connectTimeoutMs = Math.max(1000, Math.min(retryMs, 5000));
    this.retry = { retryMs, description: this.description, connectTimeoutMs: connectTimeoutMs + 500 };
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: connectTimeoutMs,
      // A server that stopped answering (not one that closed the connection) fails the query too.
      query_timeout: 10_000,
    });
    // A connection dropped by a restarting server must not crash the process: the pool removes an
    // idle one and reports it; a checked-out one fails its next query, which is retried.
    this.pool.on('error', (error) => options.onIdleError?.(error));
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.editor = new PgSampleEditor(this.pool, this.retry);
  }

  /** Connects and applies the schema migrations this database lacks (retried like any request). */
  ready(): Promise<void> {
    this.migrated ??= this.migrate().catch((error: unknown) => {
      this.migrated = null;
      throw error;
    });
    return this.migrated;
  }

  async save(modelId: string, label: string, png: Uint8Array, origin?: SampleOrigin, now = new Date()) {
    return (await this.saveAll(modelId, [{ label, png }], origin, now))[0];
  }

  async saveAll(
    modelId: string,
    samples: readonly NewSample[],
    origin: SampleOrigin = {},
    now = new Date(),
  ): Promise<StoredFeedback[]> {
    if (modelDirName(modelId) === '' || samples.some(({ label }) => labelToDirName(label) === '')) {
      throw new GlyphError('BAD_USAGE', 'Feedback needs a non-empty model id and label.');
    }
    // Chosen once, so a retry after a lost COMMIT can tell that its samples are in.
    const rows = samples.map(({ label, png }) => ({ id: newId(now), label, png }));
    const ids = rows.map((row) => row.id);
    const bytes = samples.reduce((sum, sample) => sum + sample.png.length, 0);
    await inTransaction(this.pool, this.retry, async (client, attempt) => {
      if (attempt > 0) {
        const { rowCount } = await client.query('SELECT 1 FROM feedback_samples WHERE id = ANY($1)', [ids]);
        if (rowCount === ids.length) return;
      }
      if (Number.isFinite(this.quotaBytes)) {
        // One writer per model at a time, across replicas, so two writes cannot both fit the last room.
        await client.query("SELECT pg_advisory_xact_lock(hashtext('glyph.feedback.quota'), hashtext($1))", [
          modelId,
        ]);
        const used = await this.usedBytes(client, modelId);
        if (used + bytes > this.quotaBytes) throw quotaExceeded(modelId, used, this.quotaBytes, bytes);
      }
      for (const row of rows) {
        await client.query(
          `INSERT INTO feedback_samples (id, model, label, created_at, source, client, bytes, image)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            row.id,
            modelId,
            row.label,
            now,
            origin.source ?? null,
            origin.client ?? null,
            row.png.length,
            row.png,
          ],
        );
      }
    });
    return rows.map((row) => ({ relativePath: samplePath(modelId, row.label, row.id) }));
  }

  async discard(stored: readonly StoredFeedback[]): Promise<void> {
    const ids = stored.flatMap(({ relativePath }) => {
      const location = parseSamplePath(relativePath);
      return location ? [sampleIdOf(location.fileName)] : [];
    });
    if (ids.length === 0) return;
    await inTransaction(this.pool, this.retry, (client) =>
      client.query('DELETE FROM feedback_samples WHERE id = ANY($1)', [ids]),
    );
  }

  async list(options: { readonly model?: string; readonly limit: number }): Promise<FeedbackListing> {
    const { model, limit } = options;
    const values = model === undefined ? [] : [model];
    return inTransaction(this.pool, this.retry, async (client) => {
      const newest = await client.query<ListedRow>(
        `SELECT id, model, label FROM feedback_samples
         WHERE trashed_at IS NULL ${model === undefined ? '' : 'AND model = $2'} ORDER BY id DESC LIMIT $1`,
        [limit, ...values],
      );
      const grouped = await client.query<{ model: string; label: string; count: number }>(
        `SELECT model, label, count(*)::integer AS count FROM feedback_samples
         WHERE trashed_at IS NULL ${model === undefined ? '' : 'AND model = $1'} GROUP BY model, label`,
        values,
      );
      const counts: FeedbackCount[] = grouped.rows.map(({ model: m, label, count }) => ({
        model: m,
        label,
        count,
      }));
      counts.sort((a, b) => compare(a.model, b.model) || compare(a.label, b.label));
      const total = counts.reduce((sum, entry) => sum + entry.count, 0);
      const samples = newest.rows.map((row) => {
        const path = samplePath(row.model, row.label, row.id);
        return { model: row.model, label: row.label, path, url: sampleUrl(path) };
      });
      return { samples, counts, total, truncated: total > samples.length };
    });
  }

  async samples(model?: string): Promise<IndexedSample[]> {
    const { rows } = await readWithRetries(this.pool, this.retry, (client) =>
      client.query<ListedRow & { bytes: number; created_at: Date }>(
        `SELECT id, model, label, bytes, created_at FROM feedback_samples WHERE trashed_at IS NULL
         ${model === undefined ? '' : 'AND model = $1'}`,
        model === undefined ? [] : [model],
      ),
    );
    return rows.map((row) => {
      const path = samplePath(row.model, row.label, row.id);
      return {
        model: row.model,
        label: row.label,
        path,
        url: sampleUrl(path),
        fileName: `${row.id}.png`,
        bytes: row.bytes,
        // Never rewritten: the stored time stands for the file's mtime in loss-cache keys.
        mtimeMs: row.created_at.getTime(),
      };
    });
  }

  async read(relativePath: string): Promise<Uint8Array | null> {
    const location = parseSamplePath(relativePath);
    if (location === null || canonicalPath(location) !== relativePath) return null;
    const { rows } = await readWithRetries(this.pool, this.retry, (client) =>
      client.query<{ image: Buffer }>(
        'SELECT image FROM feedback_samples WHERE id = $1 AND model = $2 AND label = $3 AND trashed_at IS NULL',
        [sampleIdOf(location.fileName), location.modelId, location.label],
      ),
    );
    return rows.length === 0 ? null : rows[0].image;
  }

  bytesOf(modelId: string): Promise<number> {
    return readWithRetries(this.pool, this.retry, (client) => this.usedBytes(client, modelId));
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

  close(): Promise<void> {
    return this.pool.end();
  }

  private async usedBytes(client: pg.PoolClient, modelId: string): Promise<number> {
    const { rows } = await client.query<{ used: string }>(
      'SELECT coalesce(sum(bytes), 0)::bigint AS used FROM feedback_samples WHERE model = $1',
      [modelId],
    );
    return Number(rows[0].used);
  }

  private async migrate(): Promise<void> {
    const deadline = Date.now() + this.retry.retryMs;
    for (let delayMs = 100; ; delayMs = Math.min(2 * delayMs, 1000)) {
      try {
        const client = await this.pool.connect();
        try {
          await migrate(client);
          client.release();
          return;
        } catch (error) {
          client.release(error as Error);
          throw error;
        }
      } catch (error) {
        if (!isConnectionError(error)) {
          if (error instanceof GlyphError) throw error;
          throw new GlyphError(
            'FEEDBACK_STORE_UNAVAILABLE',
            `Migrating the feedback store ${this.description} failed: ${(error as Error).message}. Check that the user may create tables in that database.`,
            { cause: error },
          );
        }
        if (Date.now() + delayMs > deadline) {
          throw new GlyphError(
            'FEEDBACK_STORE_UNAVAILABLE',
            `Cannot reach the feedback store ${this.description} (${(error as Error).message}; tried for ${(this.retry.retryMs / 1000).toFixed(1)} s). Start PostgreSQL, or check the host, port, user, password and database in --feedback-store.`,
            { cause: error },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}
