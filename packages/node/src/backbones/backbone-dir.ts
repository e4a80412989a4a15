import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where built backbones live: `$GLYPH_BACKBONE_DIR`, else `~/.cache/glyph/backbones`. */
export function resolveBackboneDir(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.GLYPH_BACKBONE_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(homedir(), '.cache', 'glyph', 'backbones');
}
