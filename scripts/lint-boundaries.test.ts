// The architecture's import rules are lint rules (eslint.config.js); this checks they still bite.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

/** The import-rule messages ESLint gives `code` as if it were the file at `file` (repo-relative). */
async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ['packages/core/src/data/probe.ts', "export { trainModel } from '../train/train-model';", /foundations/],
    ['packages/core/src/preprocess/probe.ts', "export { x } from '../../evaluate/x';", /foundations/],
    ['packages/core/src/image/probe.ts', "export { readFile } from 'node:fs/promises';", /Node built-ins/],
    [
      'packages/core/src/train/probe.ts',
      "export { decodeImage } from '@glyph/node/image';",
      /nothing of ours/,
    ],
    ['packages/node/src/probe.ts', "export { buildApp } from '@glyph/server';", /only on @glyph\/core/],
    ['apps/web/src/probe.ts', "export { decodeImage } from '@glyph/node/image';", /browser/],
    ['apps/server/src/probe.ts', "export { main } from '@glyph/cli';", /another app/],
    ['packages/core/src/data/probe.ts', "export { toyImages } from '../testing';", /testing entry/],
    ['packages/core/src/engine/simd/probe.ts', "export { startWasm } from '../../testing';", /testing entry/],
    ['packages/node/src/train/probe.ts', "export { tinyConfig } from '../testing/index';", /testing entry/],
    ['packages/node/src/index.ts', "export { tempDir } from './testing';", /testing entry/],
    ['apps/server/src/probe.ts', "export { drawPage } from '@glyph/node/testing';", /testing entry/],
    ['apps/cli/src/probe.ts', "export { drawPage } from '@glyph/node/testing';", /testing entry/],
    ['apps/web/src/probe.tsx', "export { toyImages } from '@glyph/core/testing';", /testing entry/],
    ['scripts/probe.ts', "export { toyImages } from '@glyph/core/testing';", /testing entry/],
    ['apps/cli/src/probe.ts', "export { buildApp } from '@glyph/server';", /may not import an app/],
    ['apps/cli/src/probe.ts', "export { x } from '@glyph/server/server';", /may not import an app/],
    ['apps/server/src/config/server-flags.ts', "export { cpus } from 'node:os';", /plain data/],
    [
      'bench/probe.ts',
      "export { fuzzBodies } from '../apps/server/src/test-support/fuzz-bodies';",
      /bench\/ imports no app code/,
    ],
    [
      'bench/serve-attack/probe.ts',
      "export { x } from '../../apps/web/src/x';",
      /bench\/ imports no app code/,
    ],
    ['bench/probe.ts', "export { buildApp } from '@glyph/server';", /bench\/ imports no app code/],
    [
      'packages/testkit/src/probe.ts',
      "export { x } from '../../../apps/server/src/x';",
      /testkit imports no app/,
    ],
  ])('%s: %s is refused', async (file, code, reason) => {
    const errors = await importErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(reason);
  });

  it.each([
    ['packages/core/src/train/probe.ts', "export { preprocess } from '../preprocess/preprocess';"],
    ['packages/core/src/data/probe.ts', "export { x } from '../preprocess/x';"],
    ['packages/node/src/probe.ts', "export { GlyphError } from '@glyph/core';"],
    ['packages/core/src/data/probe.test.ts', "export { toyImages } from '../testing';"],
    ['packages/node/src/train/probe.test.ts', "export { tinyConfig } from '../testing';"],
    ['apps/cli/src/commands/probe.test.ts', "export { drawPage } from '@glyph/node/testing';"],
    ['apps/web/test/support/probe.ts', "export { toyImages } from '@glyph/core/testing';"],
    ['bench/probe.ts', "export { tinyConfig } from '@glyph/node/testing';"],
    ['packages/node/src/datasets/probe.ts', "export { x } from './testing-notes';"],
    ['apps/cli/src/probe.ts', "export { serverFlags } from '@glyph/server/options';"],
    ['bench/probe.ts', "export { startHaproxy } from '@glyph/testkit/haproxy';"],
    ['bench/probe.ts', "export { startServer } from './serve-harness';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
