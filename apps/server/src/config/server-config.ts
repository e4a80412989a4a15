import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GlyphError } from '@glyph/core';
import { z } from 'zod';
import { defaultAppOptions } from '../app-options';
import { resolveAllowedHosts } from '../security/allowed-hosts';
import { parseRateLimits, type RateLimits } from '../rate-limit/rate-limits';
import { isPostgresUrl } from '../feedback/postgres/pg-url';
import { parseByteSize } from './byte-size';
import { serverFlags, type ServerFlagName } from './server-flags';

const flagsByName = new Map(serverFlags.map((flag) => [flag.name, flag]));

const onOff = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1');

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

const byteSize = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, context) => {
      const bytes = parseByteSize(text);
      if (bytes === undefined || bytes < 1) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'expected a size such as 5mb, 512kb or 1000',
        });
        return z.NEVER;
      }
      return bytes;
    });

const schema = z.object({
  port: integer(0, 65_535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  models: z.string().min(1).default(defaultAppOptions.modelsDir),
  'model-version': z
    .string()
    .default('')
    .transform((text, context) => {
      const pins = parseVersionPins(text);
      if (typeof pins !== 'string') return pins;
      context.addIssue({ code: z.ZodIssueCode.custom, message: pins });
      return z.NEVER;
    }),
  'model-poll-seconds': z.coerce.number().min(0).max(3600).default(2),
  'feedback-dir': z.string().min(1).default(defaultAppOptions.feedbackDir),
  'feedback-store': z.string().default(''),
  'review-folder': z.string().default(''),
  'web-dir': z.string().default(defaultAppOptions.webDir),
  cors: z.string().default(''),
  'body-limit': byteSize('5mb'),
  'allow-model-uploads': z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  'model-upload-limit': byteSize('32mb'),
  'feedback-max-image-bytes': byteSize('1mb'),
  'feedback-quota': byteSize('1gb'),
  'rate-limit': z
    .string()
    .default('')
    .transform((text, context) => {
      if (text === '') return defaultAppOptions.rateLimit;
      const limits = parseRateLimits(text);
      if (typeof limits !== 'string') return limits;
      context.addIssue({ code: z.ZodIssueCode.custom, message: limits });
      return z.NEVER;
    }),
  'max-pixels': integer(1).default(defaultAppOptions.maxPixels),
  'default-model': z.string().min(1).optional(),
  'request-timeout-ms': integer(1).default(defaultAppOptions.requestTimeoutMs),
  'batch-window-ms': integer(0, 1000).default(defaultAppOptions.batching.windowMs),
  'max-batch': integer(1, 1024).default(defaultAppOptions.batching.maxBatchSize),
  'max-queue': integer(1).default(defaultAppOptions.batching.maxQueueSize),
  backend: z.string().min(1).default('wasm'),
  threads: integer(0, 64).default(availableParallelism()),
  'log-level': z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  'api-keys': z.string().default(''),
  'no-auth': onOff(),
  'allow-no-auth': onOff(),
  'predict-auth': onOff(),
  'metrics-auth': onOff(),
  'allowed-hosts': z.string().default(''),
  'trust-proxy': z.string().default(''),
  'drain-seconds': z.coerce.number().min(0).max(300).default(0),
} satisfies Record<ServerFlagName, z.ZodTypeAny>);

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly modelsDir: string;
  /** Versions served instead of the latest, by model folder name (`--model-version digits=2`, repeatable). */
  readonly pinnedVersions: ReadonlyMap<string, number>;
  /** Seconds between polls of the models directory; 0 turns polling off. */
  readonly modelPollSeconds: number;
  /** The feedback folder: `--feedback-store <folder>`, else `--feedback-dir`. */
  readonly feedbackDir: string;
  /** `--feedback-store postgres://…`: feedback in PostgreSQL instead of `feedbackDir`; `null` for the folder. */
  readonly feedbackStore: string | null;
  /** A training folder the review view lists by loss (read-only); `null` for none. */
  readonly reviewFolder: string | null;
  /** Empty string in argv/env means "serve no web app". */
  readonly webDir: string | null;
  readonly corsOrigins: string[];
  readonly bodyLimitBytes: number;
  /** `PUT /api/models/:id` installs model zips (a write route: keep the server private or authenticated). */
  readonly allowModelUploads: boolean;
  readonly modelUploadLimitBytes: number;
  /** Largest PNG one feedback sample may take (after scaling down to what its model needs). */
  readonly feedbackMaxImageBytes: number;
  /** Disk each model's feedback (samples and trash) may take. */
  readonly feedbackQuotaBytes: number;
  /** Requests per minute per client by kind of route; `null` for `--rate-limit off`. */
  readonly rateLimit: RateLimits | null;
  readonly maxPixels: number;
  readonly defaultModelId: string | undefined;
  readonly requestTimeoutMs: number;
  readonly batching: { windowMs: number; maxBatchSize: number; maxQueueSize: number };
  readonly backend: string;
  /** Inference threads per model; 0 runs inference on the main thread. */
  readonly threads: number;
  readonly logLevel: string;
  /** A file of hashed API keys, followed for changes; `null` for none. */
  readonly apiKeysFile: string | null;
  /** Hashed API key entries from `$GLYPH_API_KEYS` (one per line or `;`-separated). */
  readonly apiKeys: string[];
  /** `false` with `--no-auth`: write routes need no key (a single user on this machine). */
  readonly requireKeys: boolean;
  /** Start on a non-loopback address without keys (or with `--no-auth`) anyway. */
  readonly allowNoAuth: boolean;
  readonly predictAuth: boolean;
  readonly metricsAuth: boolean;
  /** Host names answered (loopback names, the listen address, `--allowed-hosts`); `*` answers any. */
  readonly allowedHosts: string[];
  /** Proxies (addresses, CIDR ranges, `loopback`) whose X-Forwarded-For names the client; empty trusts none. */
  readonly trustProxy: string[];
  /**
   * On SIGTERM, seconds to keep serving while `/readyz` answers 503, so a proxy's health check takes
   * this replica out before it stops accepting requests; 0 stops at once (one server, no proxy).
   */
  readonly drainSeconds: number;
}

/**
 * Reads the server configuration once, at the edge: flags win over environment variables, which
 * win over defaults. Relative paths are resolved against `cwd`. Throws BAD_USAGE naming the setting.
 */
export function parseServerConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
): ServerConfig {
  const raw: Partial<Record<ServerFlagName, string>> = {};
  for (const flag of serverFlags) {
    const value = env[flag.env] ?? (flag.fallbackEnv ? env[flag.fallbackEnv] : undefined);
    if (value !== undefined && value !== '') raw[flag.name] = value;
  }
  Object.assign(raw, readFlags(argv));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new GlyphError(
      'BAD_USAGE',
      `--${name} (or $${flagsByName.get(name as ServerFlagName)?.env}) is invalid: ${issue.message}.`,
    );
  }
  const options = parsed.data;
  const store = options['feedback-store'];
  return {
    port: options.port,
    host: options.host,
    modelsDir: path.resolve(cwd, options.models),
    pinnedVersions: options['model-version'],
    modelPollSeconds: options['model-poll-seconds'],
    feedbackDir: path.resolve(cwd, store !== '' && !isPostgresUrl(store) ? store : options['feedback-dir']),
    feedbackStore: isPostgresUrl(store) ? store : null,
    reviewFolder: options['review-folder'] === '' ? null : path.resolve(cwd, options['review-folder']),
    webDir: options['web-dir'] === '' ? null : path.resolve(cwd, options['web-dir']),
    corsOrigins: commaList(options.cors),
    bodyLimitBytes: options['body-limit'],
    allowModelUploads: options['allow-model-uploads'],
    modelUploadLimitBytes: options['model-upload-limit'],
    feedbackMaxImageBytes: options['feedback-max-image-bytes'],
    feedbackQuotaBytes: options['feedback-quota'],
    rateLimit: options['rate-limit'],
    maxPixels: options['max-pixels'],
    defaultModelId: options['default-model'],
    requestTimeoutMs: options['request-timeout-ms'],
    batching: {
      windowMs: options['batch-window-ms'],
      maxBatchSize: options['max-batch'],
      maxQueueSize: options['max-queue'],
    },
    backend: options.backend,
    threads: options.threads,
    logLevel: options['log-level'],
    apiKeysFile: options['api-keys'] === '' ? null : path.resolve(cwd, options['api-keys']),
    apiKeys: env.GLYPH_API_KEYS ? [env.GLYPH_API_KEYS] : [],
    requireKeys: !options['no-auth'],
    allowNoAuth: options['allow-no-auth'],
    predictAuth: options['predict-auth'],
    metricsAuth: options['metrics-auth'],
    allowedHosts: resolveAllowedHosts(options.host, commaList(options['allowed-hosts'])),
    trustProxy: commaList(options['trust-proxy']),
    drainSeconds: options['drain-seconds'],
  };
}

/** `digits=2,letters=3` (repeated flags arrive comma-joined) → a pin per model folder, or what is wrong. */
function parseVersionPins(text: string): Map<string, number> | string {
  const pins = new Map<string, number>();
  for (const item of commaList(text)) {
    const match = /^([^=\s]+)=([1-9]\d{0,8})$/.exec(item);
    if (!match) return `expected <model>=<version> such as digits=2, got "${item}"`;
    if (pins.has(match[1])) return `model "${match[1]}" is pinned twice`;
    pins.set(match[1], Number(match[2]));
  }
  return pins;
}

function commaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function readFlags(argv: readonly string[]): Partial<Record<ServerFlagName, string>> {
  const options = Object.fromEntries(
    serverFlags.map((flag) => [
      flag.name,
      {
        type: flag.kind === 'switch' ? ('boolean' as const) : ('string' as const),
        multiple: flag.repeatable === true,
      },
    ]),
  );
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, String(value)]),
    ) as Partial<Record<ServerFlagName, string>>;
  } catch (error) {
    throw new GlyphError(
      'BAD_USAGE',
      `${(error as Error).message}. Known flags: ${serverFlags.map((flag) => `--${flag.name}`).join(', ')}.`,
    );
  }
}
