// Rewrites the docs generated from code (docs/errors.md, docs/openapi.json):
//   npx tsx apps/server/src/docs/write-generated-docs.ts
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderGeneratedDocs, repoRoot } from './generated-docs';

for (const [file, text] of Object.entries(await renderGeneratedDocs())) {
  await writeFile(path.join(repoRoot, file), text);
  process.stdout.write(`wrote ${file}\n`);
}
