import { copyFile, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@glyph/node/datasets';
import { buildGlyphApp, type GlyphApp } from '../build-app';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, testDependencies, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

interface Operation {
  id: string;
  kind: 'relabel' | 'delete';
  sample: string;
  from: { label: string; path: string };
  to: { label: string; path: string } | null;
  state: 'applied' | 'undone' | 'superseded';
}

/** Every file under `dir` as `/`-separated relative paths, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('relabel, delete and undo of feedback samples', () => {
  let test: TestApp;
  let app: GlyphApp['app'];
  /** Stored paths by label, in posting order, and the bytes first stored at each. */
  const stored: Record<string, string> = {};
  const bytes: Record<string, Buffer> = {};

  const post = async (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
  const operations = async (): Promise<Operation[]> =>
    (await app.inject('/api/feedback/operations')).json().operations;

  beforeAll(async () => {
    test = await startTestApp({ models: { digits: tinyMetadata('digits', digitLabels) } });
    app = test.app;
    for (const [index, label] of ['1', '2', '3', '7'].entries()) {
      const response = await post('/api/feedback', {
        model: 'digits',
        label,
        image: dataUrl(await drawingPng(64, index + 1)),
      });
      expect(response.statusCode).toBe(201);
      stored[label] = response.json().path;
      bytes[label] = await readFile(path.join(test.feedbackDir, stored[label]));
    }
  });

  afterAll(async () => {
    await app.close();
    await rm(test.feedbackDir, { recursive: true, force: true });
  });

  it('relabels: the file moves to the new label’s folder, bytes unchanged, and the operation is listed', async () => {
    const response = await post('/api/feedback/relabel', { path: stored['7'], label: '1' });
    expect(response.statusCode, response.body).toBe(200);
    const { operation, sample } = response.json();
    const fileName = stored['7'].split('/')[2];
    expect(sample).toEqual({
      model: 'digits',
      label: '1',
      path: `digits/1/${fileName}`,
      url: `/api/feedback/files/digits/1/${fileName}`,
    });
    expect(operation).toMatchObject({
      kind: 'relabel',
      model: 'digits',
      sample: fileName.replace('.png', ''),
      from: { label: '7', path: stored['7'] },
      to: { label: '1', path: `digits/1/${fileName}` },
      state: 'applied',
    });
    expect(await readFile(path.join(test.feedbackDir, 'digits', '1', fileName))).toEqual(bytes['7']);
    await expect(readFile(path.join(test.feedbackDir, stored['7']))).rejects.toThrow(/ENOENT/);
    expect((await app.inject(sample.url)).statusCode).toBe(200);
    expect((await operations())[0]).toMatchObject({ id: operation.id, state: 'applied' });
    // The model's folder is still a clean `folder:` dataset with the sample under its new class.
    const { train } = await loadDataset(`folder:${path.join(test.feedbackDir, 'digits')}`);
    expect([...train!.classNames].sort()).toEqual(['1', '2', '3']);
    expect(train!.count).toBe(4);
  });

  it('deletes into the trash, out of every listing and dataset, not unlinked', async () => {
    const response = await post('/api/feedback/delete', { path: stored['2'] });
    expect(response.statusCode, response.body).toBe(200);
    const { operation } = response.json();
    expect(operation).toMatchObject({ kind: 'delete', from: { label: '2', path: stored['2'] }, to: null });
    await expect(readFile(path.join(test.feedbackDir, stored['2']))).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(test.feedbackDir, '.trash', stored['2']))).toEqual(bytes['2']);
    const listed = (await app.inject('/api/feedback')).json().samples.map((s: { path: string }) => s.path);
    expect(listed).not.toContain(stored['2']);
    expect(listed).toHaveLength(3);
    const review = (await app.inject('/api/feedback/review')).json();
    expect(review.total).toBe(3);
    const { train } = await loadDataset(`folder:${path.join(test.feedbackDir, 'digits')}`);
    expect(train!.count).toBe(3);
  });

  it('refuses unknown samples, labels the model lacks, path tricks and missing fields, changing nothing', async () => {
    const before = await filesUnder(test.feedbackDir);
    const fileName = stored['3'].split('/')[2];
    const cases: [string, object, number, string][] = [
      ['relabel', { path: 'digits/3/20000101T000000000Z-00000000.png', label: '4' }, 404, 'SAMPLE_NOT_FOUND'],
      ['relabel', { path: stored['2'], label: '4' }, 404, 'SAMPLE_NOT_FOUND'], // deleted above
      ['relabel', { path: stored['3'], label: 'x' }, 400, 'LABEL_UNKNOWN'],
      ['relabel', { path: stored['3'], label: '../../x' }, 400, 'LABEL_UNKNOWN'],
      ['relabel', { path: stored['3'], label: '3' }, 400, 'BAD_USAGE'],
      ['relabel', { path: `../digits/3/${fileName}`, label: '4' }, 400, 'BAD_USAGE'],
      ['relabel', { path: `digits/3/../3/${fileName}`, label: '4' }, 400, 'BAD_USAGE'],
      ['relabel', { path: `/digits/3/${fileName}`, label: '4' }, 400, 'BAD_USAGE'],
      ['relabel', { path: `digits\\3\\${fileName}`, label: '4' }, 400, 'BAD_USAGE'],
      ['relabel', { path: `.trash/digits/2/${stored['2'].split('/')[2]}`, label: '4' }, 400, 'BAD_USAGE'],
      ['relabel', { path: 'nope/3/20000101T000000000Z-00000000.png', label: '4' }, 404, 'MODEL_NOT_FOUND'],
      ['relabel', { path: stored['3'] }, 400, 'BAD_USAGE'],
      ['delete', { path: '../../etc/passwd' }, 400, 'BAD_USAGE'],
      ['delete', { path: 'digits/3/.x.png.tmp' }, 400, 'BAD_USAGE'],
      ['delete', { path: 'digits/3/20000101T000000000Z-00000000.png' }, 404, 'SAMPLE_NOT_FOUND'],
      ['delete', {}, 400, 'BAD_USAGE'],
      ['undo', {}, 400, 'BAD_USAGE'],
      ['undo', { operation: 'x', sample: 'y' }, 400, 'BAD_USAGE'],
      ['undo', { operation: '../../x' }, 404, 'SAMPLE_NOT_FOUND'],
      ['undo', { operation: '20000101T000000000Z-00000000' }, 404, 'SAMPLE_NOT_FOUND'],
      ['undo', { sample: 'no-such-sample' }, 404, 'SAMPLE_NOT_FOUND'],
    ];
    for (const [action, payload, status, code] of cases) {
      const response = await post(`/api/feedback/${action}`, payload);
      expect(response.statusCode, `${action} ${JSON.stringify(payload)}`).toBe(status);
      expect(response.json().error.code, `${action} ${JSON.stringify(payload)}`).toBe(code);
    }
    expect(await filesUnder(test.feedbackDir)).toEqual(before);
  });

  it('keeps every change across a restart; undo restores the exact bytes to the exact place', async () => {
    const before = await operations();
    await app.close();
    // A new server on the same folders: nothing is kept in memory between the two.
    const restarted = await buildGlyphApp({
      modelsDir: test.context.options.modelsDir,
      feedbackDir: test.feedbackDir,
      webDir: null,
      logger: false,
      requireKeys: false,
      dependencies: testDependencies(),
    });
    await restarted.context.registry.loaded;
    app = restarted.app;
    expect(await operations()).toEqual(before);
    const [deleted, relabelled] = before;
    expect([deleted.kind, relabelled.kind]).toEqual(['delete', 'relabel']);
    const review = (await app.inject('/api/feedback/review')).json();
    expect(review.samples.map((s: { path: string }) => s.path).sort()).toEqual(
      [stored['1'], stored['3'], relabelled.to!.path].sort(),
    );

    const undoDelete = await post('/api/feedback/undo', { operation: deleted.id });
    expect(undoDelete.statusCode, undoDelete.body).toBe(200);
    expect(undoDelete.json().operation).toMatchObject({ id: deleted.id, state: 'undone' });
    expect(undoDelete.json().sample.path).toBe(stored['2']);
    expect(await readFile(path.join(test.feedbackDir, stored['2']))).toEqual(bytes['2']);

    const undoRelabel = await post('/api/feedback/undo', { sample: relabelled.sample });
    expect(undoRelabel.statusCode, undoRelabel.body).toBe(200);
    expect(undoRelabel.json().operation.id).toBe(relabelled.id);
    expect(await readFile(path.join(test.feedbackDir, stored['7']))).toEqual(bytes['7']);

    expect(await filesUnder(path.join(test.feedbackDir, 'digits'))).toEqual(
      Object.values(stored)
        .map((stored) => stored.slice('digits/'.length))
        .sort(),
    );
    const again = await post('/api/feedback/undo', { operation: deleted.id });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'SAMPLE_CONFLICT']);
    expect((await operations()).slice(0, 2).map((operation) => operation.state)).toEqual([
      'undone',
      'undone',
    ]);
  });

  it('undoes a chain of relabels only newest first: an older one is superseded until then', async () => {
    const first = (await post('/api/feedback/relabel', { path: stored['3'], label: '4' })).json();
    const second = (await post('/api/feedback/relabel', { path: first.sample.path, label: '5' })).json();
    expect(second.sample.label).toBe('5');
    const early = await post('/api/feedback/undo', { operation: first.operation.id });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'SAMPLE_CONFLICT']);
    expect(early.json().error.message).toMatch(/later operation/);
    const states = Object.fromEntries(
      (await operations()).map((operation) => [operation.id, operation.state]),
    );
    expect([states[first.operation.id], states[second.operation.id]]).toEqual(['superseded', 'applied']);
    // By sample id, undo takes the latest applied operation each time.
    const sampleId = first.operation.sample;
    expect((await post('/api/feedback/undo', { sample: sampleId })).json().sample.label).toBe('4');
    expect((await post('/api/feedback/undo', { sample: sampleId })).json().sample.label).toBe('3');
    expect((await post('/api/feedback/undo', { sample: sampleId })).statusCode).toBe(404);
    expect(await readFile(path.join(test.feedbackDir, stored['3']))).toEqual(bytes['3']);
  });

  it('refuses to undo onto a place another file has taken since', async () => {
    const deleted = (await post('/api/feedback/delete', { path: stored['1'] })).json().operation;
    // The same name stored again by hand (e.g. restored from a backup).
    // Its label folder was emptied, so the delete removed it (an empty class breaks `folder:`).
    await expect(readdir(path.join(test.feedbackDir, 'digits', '1'))).rejects.toThrow(/ENOENT/);
    await mkdir(path.join(test.feedbackDir, 'digits', '1'));
    await copyFile(
      path.join(test.feedbackDir, '.trash', stored['1']),
      path.join(test.feedbackDir, stored['1']),
    );
    const response = await post('/api/feedback/undo', { operation: deleted.id });
    expect([response.statusCode, response.json().error.code]).toEqual([409, 'SAMPLE_CONFLICT']);
    expect(await readFile(path.join(test.feedbackDir, '.trash', stored['1']))).toEqual(bytes['1']);
  });
});
