// The server's flags as plain data: the one list the server's parser (`server-config.ts`) reads and
// `glyph serve` offers and passes through (`@glyph/server/options`). It imports nothing, so the CLI
// can read it without loading any of the server's code (the CLI runs the server as a child process).

export interface ServerFlag {
  /** The flag without its dashes: `port` is `--port`. */
  readonly name: string;
  /** `value` takes one (`--port 3000`); `switch` is given bare and its variable takes true/false/1/0. */
  readonly kind: 'value' | 'switch';
  /** How help names the value (`--port <n>`); only for `value` flags. */
  readonly valueName?: string;
  /** May be given more than once; the server joins the values with commas. */
  readonly repeatable?: boolean;
  /** The environment variable read when the flag is absent. */
  readonly env: string;
  /** Read when `env` is unset too. */
  readonly fallbackEnv?: string;
  /** One line for `glyph serve --help`, with the default. */
  readonly description: string;
}

const flagList = [
  {
    name: 'port',
    kind: 'value',
    valueName: 'n',
    env: 'GLYPH_PORT',
    fallbackEnv: 'PORT',
    description: 'port to listen on; 0 picks a free one (default 3000)',
  },
  {
    name: 'host',
    kind: 'value',
    valueName: 'address',
    env: 'GLYPH_HOST',
    description: 'address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for all)',
  },
  {
    name: 'models',
    kind: 'value',
    valueName: 'dir',
    env: 'GLYPH_MODELS',
    description: 'folder with one sub-folder per model (default: the bundled models/)',
  },
  {
    name: 'model-version',
    kind: 'value',
    valueName: 'model=version',
    repeatable: true,
    env: 'GLYPH_MODEL_VERSION',
    description: 'serve this version of a model instead of the latest, e.g. digits=2 (repeatable)',
  },
  {
    name: 'model-poll-seconds',
    kind: 'value',
    valueName: 'n',
    env: 'GLYPH_MODEL_POLL_SECONDS',
    description:
      'seconds between checks of the models folder for new versions (default 2; 0 = off, reload on SIGHUP)',
  },
  {
    name: 'feedback-dir',
    kind: 'value',
    valueName: 'dir',
    env: 'GLYPH_FEEDBACK_DIR',
    description: 'where POST /api/feedback stores labelled samples (default data/feedback)',
  },
  {
    name: 'feedback-store',
    kind: 'value',
    valueName: 'folder|url',
    env: 'GLYPH_FEEDBACK_STORE',
    description:
      'where feedback is stored: a folder (as --feedback-dir) or postgres://user:password@host:port/db, shared by replicas',
  },
  {
    name: 'review-folder',
    kind: 'value',
    valueName: 'dir',
    env: 'GLYPH_REVIEW_FOLDER',
    description: 'a training folder (one sub-folder per class) the review view lists by loss, read-only',
  },
  {
    name: 'web-dir',
    kind: 'value',
    valueName: 'dir',
    env: 'GLYPH_WEB_DIR',
    description: 'built web app to serve at / (default apps/web/dist; "" for none)',
  },
  {
    name: 'cors',
    kind: 'value',
    valueName: 'origins',
    env: 'GLYPH_CORS',
    description: 'comma-separated origins allowed to call the API from a browser, or *',
  },
  {
    name: 'body-limit',
    kind: 'value',
    valueName: 'size',
    env: 'GLYPH_BODY_LIMIT',
    description: 'largest request body, e.g. 5mb (default), 512kb',
  },
  {
    name: 'allow-model-uploads',
    kind: 'switch',
    env: 'GLYPH_ALLOW_MODEL_UPLOADS',
    description:
      'accept model folder zips at PUT /api/models/:id and serve them at once (off by default; a write route)',
  },
  {
    name: 'model-upload-limit',
    kind: 'value',
    valueName: 'size',
    env: 'GLYPH_MODEL_UPLOAD_LIMIT',
    description: 'largest model zip accepted by uploads (default 32mb)',
  },
  {
    name: 'feedback-max-image-bytes',
    kind: 'value',
    valueName: 'size',
    env: 'GLYPH_FEEDBACK_MAX_IMAGE_BYTES',
    description:
      'largest PNG one feedback sample may take after scaling to what its model needs (default 1mb)',
  },
  {
    name: 'feedback-quota',
    kind: 'value',
    valueName: 'size',
    env: 'GLYPH_FEEDBACK_QUOTA',
    description: 'disk each model’s feedback (samples and trash) may take (default 1gb)',
  },
  {
    name: 'rate-limit',
    kind: 'value',
    valueName: 'limits',
    env: 'GLYPH_RATE_LIMIT',
    description:
      'requests per minute per client: predict=1200,write=120,read=1200 (defaults; 0 = unlimited), or off',
  },
  {
    name: 'max-pixels',
    kind: 'value',
    valueName: 'n',
    env: 'GLYPH_MAX_PIXELS',
    description: 'largest image in pixels, judged from its header (default 16777216)',
  },
  {
    name: 'default-model',
    kind: 'value',
    valueName: 'id',
    env: 'GLYPH_DEFAULT_MODEL',
    description: 'model answering POST /predict/ (default: chars, else the first character model)',
  },
  {
    name: 'request-timeout-ms',
    kind: 'value',
    valueName: 'ms',
    env: 'GLYPH_REQUEST_TIMEOUT_MS',
    description: 'time limit for receiving a request and for its prediction work (default 30000)',
  },
  {
    name: 'batch-window-ms',
    kind: 'value',
    valueName: 'ms',
    env: 'GLYPH_BATCH_WINDOW_MS',
    description: 'how long a batch’s first prediction waits for others to join it (default 2)',
  },
  {
    name: 'max-batch',
    kind: 'value',
    valueName: 'n',
    env: 'GLYPH_MAX_BATCH',
    description: 'most predictions in one batch; a full batch runs at once (default 32)',
  },
  {
    name: 'max-queue',
    kind: 'value',
    valueName: 'n',
    env: 'GLYPH_MAX_QUEUE',
    description: 'predictions waiting per model beyond which requests get 503 OVERLOADED (default 256)',
  },
  {
    name: 'backend',
    kind: 'value',
    valueName: 'name',
    env: 'GLYPH_BACKEND',
    description: 'TensorFlow.js backend: wasm (default), cpu, tensorflow',
  },
  {
    name: 'threads',
    kind: 'value',
    valueName: 'n',
    env: 'GLYPH_THREADS',
    description: 'inference threads per model (default: one per CPU core; 0 = main thread)',
  },
  {
    name: 'log-level',
    kind: 'value',
    valueName: 'level',
    env: 'GLYPH_LOG_LEVEL',
    fallbackEnv: 'LOG_LEVEL',
    description: 'fatal, error, warn, info (default), debug, trace or silent',
  },
  {
    name: 'api-keys',
    kind: 'value',
    valueName: 'file',
    env: 'GLYPH_API_KEYS_FILE',
    description:
      'hashed API keys, one "sha256:<hex> [name] [scopes=…]" per line, re-read on change (or the keys themselves in $GLYPH_API_KEYS)',
  },
  {
    name: 'no-auth',
    kind: 'switch',
    env: 'GLYPH_NO_AUTH',
    description: 'write and management routes need no key: one user on this machine only (loopback)',
  },
  {
    name: 'allow-no-auth',
    kind: 'switch',
    env: 'GLYPH_ALLOW_NO_AUTH',
    description: 'listen beyond loopback without API keys anyway (predict only, or with --no-auth)',
  },
  {
    name: 'predict-auth',
    kind: 'switch',
    env: 'GLYPH_PREDICT_AUTH',
    description: 'predict routes need an API key with the predict scope too',
  },
  {
    name: 'metrics-auth',
    kind: 'switch',
    env: 'GLYPH_METRICS_AUTH',
    description: 'GET /metrics needs an API key with the metrics scope',
  },
  {
    name: 'allowed-hosts',
    kind: 'value',
    valueName: 'names',
    env: 'GLYPH_ALLOWED_HOSTS',
    description: 'comma-separated Host names answered besides loopback and --host, or *',
  },
  {
    name: 'trust-proxy',
    kind: 'value',
    valueName: 'addresses',
    env: 'GLYPH_TRUST_PROXY',
    description:
      'proxies (addresses, CIDRs, loopback) whose X-Forwarded-For names the client for per-client limits',
  },
  {
    name: 'drain-seconds',
    kind: 'value',
    valueName: 'n',
    env: 'GLYPH_DRAIN_SECONDS',
    description:
      'on SIGTERM, keep serving this long while /readyz answers 503, so a proxy takes the replica out first (default 0)',
  },
] as const satisfies readonly ServerFlag[];

export type ServerFlagName = (typeof flagList)[number]['name'];

/** Every flag of the server entry, in the order `glyph serve --help` lists them. */
export const serverFlags: readonly (ServerFlag & { readonly name: ServerFlagName })[] = flagList;
