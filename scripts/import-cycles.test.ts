// Modules import in one direction: no circle of imports, not even one made only of `import type`
// (a type-only circle still ties two modules into one unit to read, test and move).
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

describe('import graph', () => {
  it('has no circles, counting type-only imports', async () => {
    const graph = await madge(['packages', 'apps', 'bench', 'scripts'], {
      baseDir: repoRoot,
      fileExtensions: ['ts'],
      tsConfig: `${repoRoot}tsconfig.json`,
      detectiveOptions: { ts: { skipTypeImports: false } },
    });
    // Guards against a scan that silently found nothing to check.
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(500);
    expect(graph.circular()).toEqual([]);
  });
});
