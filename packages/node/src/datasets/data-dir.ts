import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The dataset root: the `--data-dir` flag, else `$GLYPH_DATA_DIR`, else `~/.cache/glyph/datasets`.
 * Relative paths resolve against the current directory. Read once at the edge and passed down.
 */
export function resolveDataDir(flag?: string, env: Record<string, string | undefined> = process.env): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const fromEnv = env.GLYPH_DATA_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(homedir(), '.cache', 'glyph', 'datasets');
}
