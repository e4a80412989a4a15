import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '@glyph/core';
import { renderGeneratedDocs, repoRoot } from './generated-docs';

describe('generated docs', () => {
  it('docs/errors.md and docs/openapi.json match the code (regenerate: npx tsx apps/server/src/docs/write-generated-docs.ts)', async () => {
    const docs = await renderGeneratedDocs();
    for (const [file, expected] of Object.entries(docs)) {
      const actual = await readFile(path.join(repoRoot, file), 'utf8').catch(() => '(missing)');
      expect(actual, `${file} is out of date; run npx tsx apps/server/src/docs/write-generated-docs.ts`).toBe(
        expected,
      );
    }
    for (const code of Object.keys(errorCodes)) expect(docs['docs/errors.md']).toContain(`\`${code}\``);
  });
});
