import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadDataset } from '@glyph/node/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '@glyph/testkit/postgres-cluster';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { exportFeedback } from './export-feedback';
import type { FeedbackStore } from './feedback-store';
import { FolderFeedbackStore } from './folder-feedback-store';
import { PgFeedbackStore } from './postgres/pg-feedback-store';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

const tempDir = (prefix: string) => mkdtemp(path.join(tmpdir(), prefix));

/** Three live samples of `digits` (one relabelled), one deleted, one of another model. */
async function fill(store: FeedbackStore): Promise<Map<string, Buffer>> {
  await store.ready();
  const pngs = await Promise.all([1, 2, 3, 4, 5].map((seed) => drawingPng(64, seed)));
  const [a, b, c, d] = await store.saveAll(
    'digits',
    ['3', '3', '7', '7'].map((label, index) => ({ label, png: pngs[index] })),
  );
  await store.save('letters', 'A', pngs[4]);
  await store.relabel(b.relativePath, '8');
  await store.delete(d.relativePath);
  const name = (stored: { relativePath: string }) => stored.relativePath.split('/')[2];
  return new Map([
    [`3/${name(a)}`, pngs[0]],
    [`8/${name(b)}`, pngs[1]],
    [`7/${name(c)}`, pngs[2]],
  ]);
}

async function expectExported(out: string, expected: Map<string, Buffer>): Promise<void> {
  const files = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.png'));
  expect(files.sort()).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of expected) expect(await readFile(path.join(out, file))).toEqual(bytes);
  const { train } = await loadDataset(`folder:${out}`);
  expect([[...train!.classNames].sort(), train!.count]).toEqual([['3', '7', '8'], 3]);
}

describe('exporting feedback as a folder: dataset', () => {
  for (const backend of ['folder', 'PostgreSQL'] as const) {
    it(`writes a model’s live samples from the ${backend} store, byte for byte`, async () => {
      const store =
        backend === 'folder'
          ? new FolderFeedbackStore(await tempDir('glyph-export-store-'))
          : new PgFeedbackStore({ url: await cluster.createDatabase() });
      const expected = await fill(store);
      const out = path.join(await tempDir('glyph-export-'), 'digits');
      expect(await exportFeedback(store, 'digits', out)).toEqual({
        model: 'digits',
        outDir: out,
        total: 3,
        written: 3,
        labels: 3,
      });
      await expectExported(out, expected);
      expect((await exportFeedback(store, 'digits', out)).written).toBe(0);
      await store.close();
    });
  }

  it('runs as the entry `glyph feedback export` starts, against a postgres:// store', async () => {
    const url = await cluster.createDatabase();
    const store = new PgFeedbackStore({ url });
    const expected = await fill(store);
    await store.close();
    const out = path.join(await tempDir('glyph-export-'), 'digits');
    const entry = createRequire(import.meta.url).resolve('@glyph/server/export-feedback');
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      entry,
      '--store',
      url,
      '--model',
      'digits',
      '--out',
      out,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ model: 'digits', total: 3, written: 3 });
    await expectExported(out, expected);
  });
});
