import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlyphError } from '@glyph/core';

const simdBinary = 'tfjs-backend-wasm-simd.wasm';

/**
 * The directory holding the tfjs-backend-wasm binaries (`…/tfjs-backend-wasm/dist/`, with a trailing
 * separator, as `setWasmPaths` expects a prefix). Resolved from the installed package rather than
 * from the bundle's location, so it also holds when our code is bundled or run from another folder.
 */
export function wasmBinaryDirectory(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  } catch (cause) {
    throw new GlyphError(
      'BACKEND_UNAVAILABLE',
      'The package @tensorflow/tfjs-backend-wasm is not installed. Run `npm install` in the project.',
      { cause },
    );
  }
  const directory = join(dirname(packageJson), 'dist') + '/';
  if (!existsSync(join(directory, simdBinary))) {
    throw new GlyphError(
      'BACKEND_UNAVAILABLE',
      `${simdBinary} is missing from ${directory}; the tfjs-backend-wasm install looks incomplete. ` +
        'Reinstall it with `npm ci`.',
    );
  }
  return directory;
}
