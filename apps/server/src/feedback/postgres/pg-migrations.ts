import { GlyphError } from '@glyph/core';
import type { ClientBase } from 'pg';

/**
 * The feedback schema, one numbered step at a time. Steps are only ever appended: a database records
 * the steps it has (`feedback_schema_migrations`) and a server applies the ones it lacks at start.
 */
export const migrations: readonly {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}[] = [
  {
    version: 1,
    name: 'samples and operations',
    sql: `
      CREATE TABLE feedback_samples (
        id text COLLATE "C" PRIMARY KEY,
        model text COLLATE "C" NOT NULL,
        label text COLLATE "C" NOT NULL,
        created_at timestamptz NOT NULL,
        source text,
        client text,
        bytes integer NOT NULL CHECK (bytes = octet_length(image)),
        image bytea NOT NULL,
        trashed_at timestamptz
      );
      -- PNGs are compressed already: store them out of line without compressing again.
      ALTER TABLE feedback_samples ALTER COLUMN image SET STORAGE EXTERNAL;
      CREATE INDEX feedback_samples_live ON feedback_samples (id DESC) WHERE trashed_at IS NULL;
      CREATE INDEX feedback_samples_live_by_model ON feedback_samples (model, id DESC) WHERE trashed_at IS NULL;
      CREATE INDEX feedback_samples_bytes_by_model ON feedback_samples (model) INCLUDE (bytes);
      CREATE TABLE feedback_operations (
        id text COLLATE "C" PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('relabel', 'delete')),
        model text COLLATE "C" NOT NULL,
        sample text COLLATE "C" NOT NULL,
        from_label text COLLATE "C" NOT NULL,
        from_path text NOT NULL,
        to_label text COLLATE "C",
        to_path text NOT NULL,
        at timestamptz NOT NULL,
        undone_at timestamptz
      );
      CREATE INDEX feedback_operations_by_sample ON feedback_operations (sample, id DESC);
    `,
  },
];

/** Any 64-bit number, the same in every server: the lock that lets one server migrate at a time. */
const migrationLock = 0x676c797068666231n; // "glyphfb1"

/**
 * Brings the schema up to date: under a session advisory lock, so servers starting at once take
 * turns (the second finds the work done), each missing step in its own transaction with its row in
 * `feedback_schema_migrations`. Refuses a database migrated by a newer server.
 */
export async function migrate(client: ClientBase): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [migrationLock.toString()]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS feedback_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM feedback_schema_migrations',
    );
    const present = new Set(rows.map((row) => row.version));
    const known = Math.max(...migrations.map((step) => step.version));
    const newest = Math.max(0, ...present);
    if (newest > known) {
      throw new GlyphError(
        'FEEDBACK_STORE_UNAVAILABLE',
        `The feedback database's schema is at version ${newest}, newer than this server knows (${known}). Run the newer server, or point --feedback-store at another database.`,
      );
    }
    const applied: number[] = [];
    for (const step of migrations) {
      if (present.has(step.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query('INSERT INTO feedback_schema_migrations (version, name) VALUES ($1, $2)', [
          step.version,
          step.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      applied.push(step.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLock.toString()]).catch(() => undefined);
  }
}
