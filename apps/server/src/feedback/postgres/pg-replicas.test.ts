import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '@glyph/testkit/postgres-cluster';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

describe('two servers on one PostgreSQL feedback store', () => {
  let cluster: PostgresCluster;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const feedbackStore = await cluster.createDatabase();
    const models = { digits: tinyMetadata('digits', digitLabels) };
    // Started at once: both migrate the empty database, one after the other.
    [a, b] = await Promise.all([
      startTestApp({ models, feedbackStore }),
      startTestApp({ models, feedbackStore }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.app.close(), b?.app.close()]);
    await cluster?.destroy();
  });

  const post = (app: TestApp, url: string, payload: object) =>
    app.app.inject({ method: 'POST', url, payload });
  const paths = async (app: TestApp): Promise<string[]> =>
    (await app.app.inject('/api/feedback')).json().samples.map((sample: { path: string }) => sample.path);

  it('see each other’s samples, relabels, deletes and undos', async () => {
    const posted = await post(a, '/api/feedback', {
      model: 'digits',
      label: '3',
      image: dataUrl(await drawingPng(64, 1)),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const stored: string = posted.json().path;
    expect(await paths(b)).toEqual([stored]);
    const fromA = await a.app.inject(`/api/feedback/files/${stored}`);
    const fromB = await b.app.inject(`/api/feedback/files/${stored}`);
    expect(fromB.rawPayload.equals(fromA.rawPayload)).toBe(true);

    const relabelled = await post(b, '/api/feedback/relabel', { path: stored, label: '5' });
    expect(relabelled.statusCode, relabelled.body).toBe(200);
    const moved = relabelled.json().sample.path;
    expect(await paths(a)).toEqual([moved]);
    const deleted = await post(a, '/api/feedback/delete', { path: moved });
    expect(deleted.statusCode).toBe(200);
    expect(await paths(b)).toEqual([]);
    expect((await b.app.inject(`/api/feedback/files/${moved}`)).statusCode).toBe(404);
    // B undoes what A did, then A undoes what B did: the sample is back where it was posted.
    expect((await post(b, '/api/feedback/undo', { operation: deleted.json().operation.id })).statusCode).toBe(
      200,
    );
    expect(
      (await post(a, '/api/feedback/undo', { operation: relabelled.json().operation.id })).statusCode,
    ).toBe(200);
    expect(await paths(b)).toEqual([stored]);
    const operations = (await a.app.inject('/api/feedback/operations')).json().operations;
    // The delete was undone, then the relabel before it: the sample is no longer where the delete found it.
    expect(operations.map((operation: { state: string }) => operation.state)).toEqual([
      'superseded',
      'undone',
    ]);
    expect((await b.app.inject('/api/feedback/operations')).json()).toEqual({ operations });
    expect(
      (await b.app.inject('/api/feedback/review'))
        .json()
        .samples.map((sample: { path: string }) => sample.path),
    ).toEqual([stored]);
  });

  it('share one quota per model across servers', async () => {
    expect(await a.context.feedback.bytesOf('digits')).toBe(await b.context.feedback.bytesOf('digits'));
  });
});
