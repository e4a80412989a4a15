import type { AppOptions } from './app-options';
import type { FeedbackStore } from './feedback/feedback-store';
import type { LossCache } from './feedback/loss-cache';
import type { ClientDecodeLimit } from './images/client-decode-limit';
import type { EarlyRetryHold } from './images/early-retry-hold';
import type { PixelBudget } from './images/pixel-budget';
import type { ServerMetrics } from './metrics/server-metrics';
import type { ModelRegistry } from './models/model-registry';

/** What the routes share; built once per app in `build-app.ts`. */
export interface AppContext {
  readonly options: AppOptions;
  readonly registry: ModelRegistry;
  readonly metrics: ServerMetrics;
  /** Stored feedback: samples, listings, relabel/delete/undo (a folder, or PostgreSQL). */
  readonly feedback: FeedbackStore;
  /** Losses of stored samples (feedback, review folder) per model, for the review view. */
  readonly losses: LossCache;
  readonly pixels: PixelBudget;
  /** Decode-heavy images in flight per client. */
  readonly clientDecodes: ClientDecodeLimit;
  /** Until when each recently refused client was asked to wait. */
  readonly earlyRetries: EarlyRetryHold;
}
