import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '@glyph/testkit/postgres-cluster';
import { describeFeedbackRoutesContract } from './feedback-routes.contract';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

describeFeedbackRoutesContract('folder', async () => ({
  feedbackDir: await mkdtemp(path.join(tmpdir(), 'glyph-feedback-')),
}));
describeFeedbackRoutesContract('PostgreSQL', async () => ({ feedbackStore: await cluster.createDatabase() }));
