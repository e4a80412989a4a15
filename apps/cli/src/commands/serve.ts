import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { GlyphError, errorCodes, type ErrorCode } from '@glyph/core';
import type { CliIo } from '../cli-io';

/** Flags passed through to the server entry unchanged (it validates them and reads env defaults). */
const forwardedFlags = [
  ['--port <n>', 'port to listen on; 0 picks a free one (default 3000, or $GLYPH_PORT / $PORT)'],
  ['--host <address>', 'address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for all)'],
  ['--models <dir>', 'folder with one sub-folder per model (default: the bundled models/)'],
  [
    '--model-version <model=version>',
    'serve this version of a model instead of the latest, e.g. digits=2 (repeatable)',
  ],
  [
    '--model-poll-seconds <n>',
    'seconds between checks of the models folder for new versions (default 2; 0 = off, reload on SIGHUP)',
  ],
  ['--feedback-dir <dir>', 'where POST /api/feedback stores labelled samples (default data/feedback)'],
  [
    '--feedback-store <folder|url>',
    'where feedback is stored: a folder (as --feedback-dir) or postgres://user:password@host:port/db, shared by replicas',
  ],
  [
    '--review-folder <dir>',
    'a training folder (one sub-folder per class) the review view lists by loss, read-only',
  ],
  ['--web-dir <dir>', 'built web app to serve at / (default apps/web/dist; "" for none)'],
  ['--cors <origins>', 'comma-separated origins allowed to call the API from a browser, or *'],
  ['--body-limit <size>', 'largest request body, e.g. 5mb (default), 512kb'],
  [
    '--allow-model-uploads',
    'accept model folder zips at PUT /api/models/:id and serve them at once (off by default; a write route)',
  ],
  ['--model-upload-limit <size>', 'largest model zip accepted by uploads (default 32mb)'],
  [
    '--feedback-max-image-bytes <size>',
    'largest PNG one feedback sample may take after scaling to what its model needs (default 1mb)',
  ],
  ['--feedback-quota <size>', 'disk each model’s feedback (samples and trash) may take (default 1gb)'],
  [
    '--rate-limit <limits>',
    'requests per minute per client: predict=1200,write=120,read=1200 (defaults; 0 = unlimited), or off',
  ],
  ['--max-pixels <n>', 'largest image in pixels, judged from its header (default 16777216)'],
  ['--default-model <id>', 'model answering POST /predict/ (default: chars, else the first character model)'],
  ['--backend <name>', 'TensorFlow.js backend: wasm (default), cpu, tensorflow'],
  ['--threads <n>', 'inference threads per model (default: one per CPU core; 0 = main thread)'],
  ['--log-level <level>', 'fatal, error, warn, info (default), debug, trace or silent'],
  [
    '--api-keys <file>',
    'hashed API keys, one "sha256:<hex> [name] [scopes=…]" per line, re-read on change (or $GLYPH_API_KEYS)',
  ],
  ['--no-auth', 'write and management routes need no key: one user on this machine only (loopback)'],
  ['--allow-no-auth', 'listen beyond loopback without API keys anyway (predict only, or with --no-auth)'],
  ['--predict-auth', 'predict routes need an API key with the predict scope too'],
  ['--metrics-auth', 'GET /metrics needs an API key with the metrics scope'],
  ['--allowed-hosts <names>', 'comma-separated Host names answered besides loopback and --host, or *'],
  [
    '--drain-seconds <n>',
    'on SIGTERM, keep serving this long while /readyz answers 503, so a proxy takes the replica out first (default 0)',
  ],
  [
    '--trust-proxy <addresses>',
    'proxies (addresses, CIDRs, loopback) whose X-Forwarded-For names the client for per-client limits',
  ],
] as const;

type ServerMessage = { type: 'listening'; url: string } | { type: 'fatal'; code: string; message: string };

export interface ServeControl {
  /** Aborting stops the server gracefully, like SIGTERM. */
  readonly signal?: AbortSignal;
  /** Called with the server's URL once it listens. */
  readonly onListening?: (url: string) => void;
}

/** `glyph serve`: runs the recognition server (apps/server) as a child process until stopped. */
export function registerServeCommand(program: Command, io: CliIo): void {
  const command = program
    .command('serve')
    .description('Serve the recognition API and the web app over HTTP (Ctrl-C to stop).');
  for (const [flags, description] of forwardedFlags) {
    if (repeatableFlags.has(flags.split(' ')[0])) command.option(flags, description, collect);
    else command.option(flags, description);
  }
  command.action(async (options: Record<string, string | string[] | boolean | undefined>) => {
    await runServe(toServerArgs(options), io);
  });
}

/** Flags that may be given more than once; each value is forwarded. */
const repeatableFlags = new Set(['--model-version']);

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Commander's camelCase option values back to the server's `--kebab-case` flags. */
export function toServerArgs(options: Record<string, string | string[] | boolean | undefined>): string[] {
  return forwardedFlags.flatMap(([flags]) => {
    const flag = flags.split(' ')[0];
    // Commander reads `--no-auth` as `auth: false`.
    const negated = flag.startsWith('--no-');
    const key = flag.slice(negated ? 5 : 2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const value = options[key];
    if (negated) return value === false ? [flag] : [];
    if (typeof value === 'boolean') return value ? [flag] : [];
    if (Array.isArray(value)) return value.flatMap((item) => [flag, item]);
    return value === undefined ? [] : [flag, value];
  });
}

/**
 * Starts the server entry with `node --import tsx`, forwards SIGINT/SIGTERM to it once and every
 * SIGHUP (each asks the server to re-read its models directory), and
 * resolves when it has exited cleanly. A configuration or start-up error it reports is rethrown
 * here with its own code, so `glyph` exits with the matching status.
 */
export async function runServe(
  args: readonly string[],
  io: CliIo,
  control: ServeControl = {},
): Promise<void> {
  // Resolved, not imported: the CLI never loads the server's code into its own process.
  const entry = createRequire(import.meta.url).resolve('@glyph/server/server');
  // Its own process group, so a terminal's Ctrl-C reaches the server once, through us.
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
    // Fewer glibc malloc arenas keep sharp/libvips from fragmenting memory (see docs/serving.md).
    env: { MALLOC_ARENA_MAX: '2', ...process.env },
  });
  let fatal: { code: string; message: string } | undefined;
  child.on('message', (message: ServerMessage) => {
    if (message.type === 'listening') {
      io.err(`Glyph is serving at ${message.url} (Ctrl-C to stop)\n`);
      control.onListening?.(message.url);
    } else if (message.type === 'fatal') {
      fatal = message;
    }
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(
    (signal) => [signal, forward(signal)] as const,
  );
  // A second Ctrl-C or SIGTERM falls through to Node's default and ends us at once; a second SIGHUP
  // is another reload, so it keeps being forwarded.
  for (const [signal, handler] of handlers) {
    if (signal === 'SIGHUP') process.on(signal, handler);
    else process.once(signal, handler);
  }
  const onAbort = () => child.kill('SIGTERM');
  control.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    });
    if (fatal) throw new GlyphError(knownCode(fatal.code), fatal.message);
    if (code !== 0) {
      throw new GlyphError(
        'INTERNAL',
        `The server stopped unexpectedly (${signal ?? `exit code ${code}`}); see its log above.`,
      );
    }
  } finally {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    control.signal?.removeEventListener('abort', onAbort);
  }
}

function knownCode(code: string): ErrorCode {
  return code in errorCodes ? (code as ErrorCode) : 'INTERNAL';
}
