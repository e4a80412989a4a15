import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '@glyph/testkit/postgres-cluster';
import { PgFeedbackStore } from './pg-feedback-store';
import { migrations } from './pg-migrations';
import { redactUrl } from './pg-url';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL feedback schema migrations', () => {
  it('are applied once when several servers start at the same time', async () => {
    const url = await cluster.createDatabase();
    const stores = Array.from({ length: 4 }, () => new PgFeedbackStore({ url }));
    await Promise.all(stores.map((store) => store.ready()));
    const rows = await query<{ version: number }>(
      url,
      'SELECT version FROM feedback_schema_migrations ORDER BY version',
    );
    expect(rows.map((row) => row.version)).toEqual(migrations.map((step) => step.version));
    // A restart finds nothing to do, and the stores work.
    const again = new PgFeedbackStore({ url });
    await again.ready();
    await again.save('digits', '1', Uint8Array.of(1, 2, 3));
    expect((await stores[0].list({ limit: 5 })).total).toBe(1);
    await Promise.all([...stores, again].map((store) => store.close()));
  });

  it('refuses a database migrated by a newer server, and one it cannot reach, with a clear error', async () => {
    const url = await cluster.createDatabase();
    const store = new PgFeedbackStore({ url });
    await store.ready();
    await store.close();
    await query(
      url,
      "INSERT INTO feedback_schema_migrations (version, name) VALUES (999, 'from the future')",
    );
    const newer = new PgFeedbackStore({ url });
    await expect(newer.ready()).rejects.toMatchObject({
      code: 'FEEDBACK_STORE_UNAVAILABLE',
      message: expect.stringMatching(/version 999, newer than this server knows/),
    });
    await newer.close();

    const unreachableUrl = url.replace('glyph@', 'glyph:s3cret@').replace(`:${cluster.port}/`, ':1/');
    const unreachable = new PgFeedbackStore({ url: unreachableUrl, retryMs: 300 });
    const error = await unreachable.ready().catch((caught: Error) => caught);
    expect(error).toMatchObject({
      code: 'FEEDBACK_STORE_UNAVAILABLE',
      message: expect.stringMatching(
        /Cannot reach the feedback store postgres:\/\/glyph:\*\*\*@127\.0\.0\.1:1\//,
      ),
    });
    expect(String((error as Error).message)).not.toContain('s3cret');
    expect(unreachable.description).not.toContain('s3cret');
    await unreachable.close();
  });
});

describe('redactUrl', () => {
  it('hides the password in the URL and in a password= parameter', () => {
    expect(redactUrl('postgres://u:pw@db:5432/x?password=pw2&sslmode=require')).toBe(
      'postgres://u:***@db:5432/x?password=***&sslmode=require',
    );
    expect(redactUrl('postgres://u@db/x')).toBe('postgres://u@db/x');
    expect(redactUrl('postgres://u:p w@[bad')).toBe('postgres://…');
  });
});
