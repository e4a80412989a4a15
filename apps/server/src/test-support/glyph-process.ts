import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const glyphBin = fileURLToPath(new URL('../../../cli/bin/glyph.js', import.meta.url));

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

/** Stops a served process with `signal` (SIGTERM: gracefully) and waits for it to exit. */
export async function stopGlyphServe(served: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const { child } = served;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
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
