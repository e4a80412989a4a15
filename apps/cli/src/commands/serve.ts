import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { GlyphError, errorCodes, type ErrorCode } from '@glyph/core';
import { serverFlags, type ServerFlag } from '@glyph/server/options';
import type { CliIo } from '../cli-io';

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
  addServerOptions(command);
  command.action(async (options: Record<string, string | string[] | boolean | undefined>) => {
    await runServe(toServerArgs(options), io);
  });
}

/**
 * The server's own flags (`@glyph/server/options`), each with its help line and environment
 * variables; the server validates the values and reads the variables itself.
 */
function addServerOptions(command: Command): void {
  for (const flag of serverFlags) {
    const flags = flag.kind === 'switch' ? `--${flag.name}` : `--${flag.name} <${flag.valueName}>`;
    if (flag.repeatable) command.option(flags, helpLine(flag), collect);
    else command.option(flags, helpLine(flag));
  }
}

function helpLine(flag: ServerFlag): string {
  const variables = [flag.env, flag.fallbackEnv].filter(Boolean).map((name) => `$${name}`);
  return `${flag.description} [${variables.join(', ')}]`;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Commander's camelCase option values back to the server's `--kebab-case` flags. */
export function toServerArgs(options: Record<string, string | string[] | boolean | undefined>): string[] {
  return serverFlags.flatMap(({ name }) => {
    const flag = `--${name}`;
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
