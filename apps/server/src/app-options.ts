import { fileURLToPath } from 'node:url';
import type { FastifyServerOptions } from 'fastify';
import type { AppDependencies } from './app-dependencies';
import type { BatchingOptions } from './models/batched-recognizer';
import { defaultRateLimits, type RateLimits } from './rate-limit/rate-limits';

/**
 * Everything `buildApp` needs; `server.ts` builds it from argv/env, tests from literals.
 *
 * @public
 */
export interface AppOptions {
  /** Every sub-folder is a model: a model folder (version 1) or numeric version folders (`1/`, `2/`, …). */
  readonly modelsDir: string;
  /** Versions to serve instead of the latest, by model folder name (`--model-version digits=2`). */
  readonly pinnedVersions: ReadonlyMap<string, number>;
  /** Seconds between polls of the models directory for new, changed or removed versions; 0 = off. */
  readonly modelPollSeconds: number;
  /** Where `POST /api/feedback` stores samples, as a `folder:` dataset per model (unless `feedbackStore`). */
  readonly feedbackDir: string;
  /** A `postgres://…` URL to store feedback in PostgreSQL instead of `feedbackDir`; `null` for the folder. */
  readonly feedbackStore: string | null;
  /** How long the PostgreSQL store retries an unreachable database before answering 503. */
  readonly feedbackStoreRetryMs: number;
  /** A folder-per-class training folder the review view lists by loss (read-only); `null` for none. */
  readonly reviewFolder: string | null;
  /** The built web app, served at `/`; `null` serves none. */
  readonly webDir: string | null;
  /** Origins allowed by CORS; empty allows none (same origin only), `['*']` allows all. */
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  /** Whether `PUT /api/models/:id` installs uploaded model zips (off unless `--allow-model-uploads`). */
  readonly allowModelUploads: boolean;
  /** Largest model zip `PUT /api/models/:id` accepts. */
  readonly modelUploadLimitBytes: number;
  /** Largest PNG one feedback sample may take on disk (after scaling down to what the model needs). */
  readonly feedbackMaxImageBytes: number;
  /** Disk a model's feedback (samples and its trash) may take; writes beyond answer 507. */
  readonly feedbackQuotaBytes: number;
  /** Requests per minute per client for each kind of route; `null` turns the limit off. */
  readonly rateLimit: RateLimits | null;
  /** Largest image, in pixels, that the server decodes (checked from the header first). */
  readonly maxPixels: number;
  /** Time limit for receiving a request and for its prediction work. */
  readonly requestTimeoutMs: number;
  readonly batching: BatchingOptions;
  /** The model of `POST /predict/`; default: `chars` if served, else the first character model. */
  readonly defaultModelId: string | undefined;
  /** A file of hashed API keys (`sha256:<hex> [name] [scopes=…]` per line), followed for changes; `null` for none. */
  readonly apiKeysFile: string | null;
  /** Hashed API key entries given inline (`GLYPH_API_KEYS`). */
  readonly apiKeys: readonly string[];
  /** Write and management routes need a key; `false` only for `--no-auth` (a single local user). */
  readonly requireKeys: boolean;
  /** Predict routes need a key with the `predict` scope too (`--predict-auth`). */
  readonly predictAuth: boolean;
  /** `GET /metrics` needs a key with the `metrics` scope (`--metrics-auth`). */
  readonly metricsAuth: boolean;
  /** Host names the server answers for (DNS rebinding guard); `['*']` answers any. */
  readonly allowedHosts: readonly string[];
  /**
   * Proxies in front of the server (addresses, CIDR ranges, `loopback`): for requests from them the
   * client is the last untrusted X-Forwarded-For address, so per-client rate and decode limits see
   * each client rather than the proxy. Empty trusts no proxy.
   */
  readonly trustProxy: readonly string[];
  /** Passed to Fastify: `false` for silence, pino options for structured JSON logs. */
  readonly logger: FastifyServerOptions['logger'];
  readonly dependencies: AppDependencies;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The options `buildApp` uses for any it is not given (what `glyph serve` runs with by default).
 *
 * @public
 */
export const defaultAppOptions = {
  modelsDir: `${repoRoot}models`,
  pinnedVersions: new Map<string, number>(),
  // Off for apps built in-process (tests reload explicitly); `glyph serve` polls every 2 s by default.
  modelPollSeconds: 0,
  feedbackDir: 'data/feedback',
  feedbackStore: null,
  feedbackStoreRetryMs: 5000,
  reviewFolder: null,
  webDir: `${repoRoot}apps/web/dist`,
  corsOrigins: [],
  bodyLimitBytes: 5 * 1024 * 1024,
  allowModelUploads: false,
  modelUploadLimitBytes: 32 * 1024 * 1024,
  feedbackMaxImageBytes: 1024 * 1024,
  feedbackQuotaBytes: 1024 ** 3,
  rateLimit: defaultRateLimits,
  maxPixels: 4096 * 4096,
  requestTimeoutMs: 30_000,
  batching: { windowMs: 2, maxBatchSize: 32, maxQueueSize: 256 },
  defaultModelId: undefined,
  apiKeysFile: null,
  apiKeys: [],
  requireKeys: true,
  predictAuth: false,
  metricsAuth: false,
  allowedHosts: ['localhost', '127.0.0.1', '::1'],
  trustProxy: [],
  logger: false,
} satisfies Omit<AppOptions, 'dependencies'>;
