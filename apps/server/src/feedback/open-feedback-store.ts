import type { FastifyBaseLogger } from 'fastify';
import type { FeedbackStore } from './feedback-store';
import { FolderFeedbackStore } from './folder-feedback-store';
import { PgFeedbackStore } from './postgres/pg-feedback-store';
import { isPostgresUrl } from './postgres/pg-url';

export interface FeedbackStoreSpec {
  /** A `postgres://…` URL, or `null` for the folder `feedbackDir`. */
  readonly feedbackStore: string | null;
  readonly feedbackDir: string;
  readonly feedbackQuotaBytes: number;
  /** How long a PostgreSQL store retries an unreachable database before answering 503. */
  readonly feedbackStoreRetryMs: number;
}

/**
 * The feedback store the options name, ready for requests: a folder's index starts reading in the
 * background (requests wait for it); a database is connected and migrated first, so a server that
 * cannot reach it does not start (FEEDBACK_STORE_UNAVAILABLE, with the URL's password hidden).
 */
export async function openFeedbackStore(
  spec: FeedbackStoreSpec,
  log: FastifyBaseLogger,
): Promise<FeedbackStore> {
  if (spec.feedbackStore === null || !isPostgresUrl(spec.feedbackStore)) {
    const store = new FolderFeedbackStore(spec.feedbackStore ?? spec.feedbackDir, spec.feedbackQuotaBytes);
    store.ready().catch((error: unknown) => log.error({ err: error }, 'reading the feedback folder failed'));
    return store;
  }
  const store = new PgFeedbackStore({
    url: spec.feedbackStore,
    quotaBytes: spec.feedbackQuotaBytes,
    retryMs: spec.feedbackStoreRetryMs,
    onIdleError: (error) =>
      log.warn({ err: error }, 'a feedback store connection failed; it will be replaced'),
  });
  try {
    await store.ready();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  log.info({ feedbackStore: store.description }, 'feedback store ready');
  return store;
}
