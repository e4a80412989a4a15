import { afterAll, beforeAll } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '@glyph/testkit/postgres-cluster';
import { describeFeedbackStoreContract } from '../feedback-store.contract';
import { PgFeedbackStore } from './pg-feedback-store';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

describeFeedbackStoreContract(
  'PostgreSQL',
  async (quotaBytes) => new PgFeedbackStore({ url: await cluster.createDatabase(), quotaBytes }),
);
