import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCodes } from '@glyph/core';
import * as prettier from 'prettier';
import { buildApp } from '../build-app';
import { defaultDependencies } from '../default-dependencies';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The docs generated from code, by path relative to the repository root. */
export async function renderGeneratedDocs(): Promise<Record<string, string>> {
  return {
    'docs/errors.md': await formatted(renderErrorsDoc(), 'errors.md'),
    'docs/openapi.json': await formatted(JSON.stringify(await renderOpenApi()), 'openapi.json'),
  };
}

const regenerate = 'npx tsx apps/server/src/docs/write-generated-docs.ts';

/** docs/errors.md: the one table of error codes, with the status and exit code each maps to. */
export function renderErrorsDoc(): string {
  const rows = Object.entries(errorCodes).map(
    ([code, { httpStatus, exitCode, meaning }]) =>
      `| \`${code}\` | ${httpStatus} | ${exitCode} | ${meaning} |`,
  );
  return `<!-- Generated from packages/core/src/errors/error-codes.ts by \`${regenerate}\`; edit the table there. -->

# Error codes

Every error Glyph reports has one stable code from one table. The HTTP server answers it as
\`{"error": {"code": "…", "message": "…"}}\` with the status below; the \`glyph\` command prints
\`error [CODE]: message\` and exits with the exit code below. Messages say what happened, what was
expected and how to fix it; the code is what programs should match on.

| code | HTTP status | exit code | meaning |
| --- | --- | --- | --- |
${rows.join('\n')}

## Notes for HTTP clients

- 503 answers (\`OVERLOADED\`, \`TIMEOUT\`, \`NOT_READY\`, \`INTERRUPTED\`, \`FEEDBACK_STORE_UNAVAILABLE\`) carry a \`Retry-After\` header in
  seconds; retry after that delay.
- A request for a path no route serves gets \`ROUTE_NOT_FOUND\` (404); a model id that is not served
  gets \`MODEL_NOT_FOUND\` (404).
- Bad input never yields a 500: a 500 (\`INTERNAL\`) is a bug, logged by the server with its stack.
`;
}

/** The OpenAPI document the server generates from its route schemas (as at `/api/openapi.json`). */
export async function renderOpenApi(): Promise<unknown> {
  const emptyModels = await mkdtemp(path.join(tmpdir(), 'glyph-openapi-'));
  const app = await buildApp({
    modelsDir: emptyModels,
    webDir: null,
    feedbackDir: emptyModels,
    dependencies: defaultDependencies,
  });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    await rm(emptyModels, { recursive: true, force: true });
  }
}

async function formatted(text: string, fileName: string): Promise<string> {
  const options = await prettier.resolveConfig(path.join(repoRoot, 'docs', fileName));
  return prettier.format(text, { ...options, filepath: path.join(repoRoot, 'docs', fileName) });
}
