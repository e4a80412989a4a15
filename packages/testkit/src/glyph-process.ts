import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const glyphBin = fileURLToPath(new URL('../../../apps/cli/bin/glyph.js', import.meta.url));

export interface Served {
  readonly child: ChildProcess;
  readonly url: URL;
  output(): string;
}

/**
 * `glyph serve` as a real child process (no web app; port 0 unless `args` give one), resolved once
 * it says where it listens.
 */
export async function startGlyphServe(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const port = args.includes('--port') ? [] : ['--port', '0'];
  const child = spawn(process.execPath, [glyphBin, 'serve', ...port, '--web-dir', '', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`glyph serve exited ${child.exitCode}:\n${output}`);
      return /Glyph is serving at (\S+)/.exec(output)?.[1];
    },
    60_000,
    () => output,
  );
  return { child, url: new URL(url), output: () => output };
}

/**
 * Stops a served process and waits for it to exit: SIGTERM (the default) asks `glyph serve` to stop
 * gracefully; SIGKILL kills the CLI and the server at once, leaving the server no time to answer.
 */
export async function stopGlyphServe(served: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const { child } = served;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (signal === 'SIGKILL') {
    // The server runs in a process of its own, started by the CLI: kill it first, as a crash would.
    for (const pid of await descendants(child.pid!)) process.kill(pid, 'SIGKILL');
  }
  child.kill(signal);
  await exited;
}

/** Every process started by `pid` and by those, from /proc. */
async function descendants(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').then(
    (text) => text.split(/\s+/).filter(Boolean).map(Number),
    () => [] as number[],
  );
  const below = await Promise.all(children.map(descendants));
  return [...children, ...below.flat()];
}

/** Polls `probe` every 100 ms until it gives a value; throws with `explain()` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  explain: () => string = () => '',
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms; ${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
