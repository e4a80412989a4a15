import { describe, expect, it } from 'vitest';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

describe('GET /healthz and /readyz', () => {
  it('is alive at once, and ready only after every model is loaded and warmed up', async () => {
    const test = await startTestApp({ holdLoading: true });
    expect((await test.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const before = await test.app.inject('/readyz');
    expect(before.statusCode).toBe(503);
    expect(before.json().error.code).toBe('NOT_READY');
    expect(before.headers['retry-after']).toBe('1');
    const early = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      payload: await drawingPng(),
    });
    expect(early.statusCode).toBe(503);
    expect(early.json().error.code).toBe('NOT_READY');
    expect(test.deps.counter.passes).toBe(0);

    test.deps.releaseLoading();
    await test.context.registry.loaded;
    // The warm-up is one real forward pass.
    expect(test.deps.counter.passes).toBe(1);
    const after = await test.app.inject('/readyz');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({
      status: 'ready',
      models: ['digits'],
      versions: [{ model: 'digits', version: 1 }],
      skipped: [],
    });
    await test.app.close();
  });

  it('skips and reports an invalid model folder while serving the others', async () => {
    const test = await startTestApp({
      models: {
        digits: tinyMetadata('digits', digitLabels),
        broken: '{"id": "broken", "labels": []}',
        garbage: 'not json',
        twin: tinyMetadata('digits', digitLabels),
      },
    });
    const ready = (await test.app.inject('/readyz')).json();
    expect(ready.models).toEqual(['digits']);
    expect(
      ready.skipped.map((entry: { folder: string; code: string }) => [
        entry.folder.split('/').pop(),
        entry.code,
      ]),
    ).toEqual([
      ['broken', 'MODEL_INVALID'],
      ['garbage', 'MODEL_INVALID'],
      ['twin', 'MODEL_INVALID'],
    ]);
    expect(ready.skipped[0].message).toMatch(/metadata\.json/);
    const models = (await test.app.inject('/api/models')).json();
    expect(models.map((model: { id: string }) => model.id)).toEqual(['digits']);
    await test.app.close();
  });

  it('is not ready when no model could be loaded', async () => {
    const test = await startTestApp({ models: { broken: '{}' } });
    const response = await test.app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json().error.message).toMatch(/No model could be loaded/);
    await test.app.close();
  });

  it('answers 503 while draining (--drain-seconds) and still serves predictions', async () => {
    const test = await startTestApp();
    try {
      expect((await test.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      test.context.registry.startDraining();
      const ready = await test.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error).toEqual({
        code: 'NOT_READY',
        message: expect.stringMatching(/shutting down/),
      });
      const answer = await test.app.inject({
        method: 'POST',
        url: '/api/models/digits/predict',
        headers: { 'content-type': 'image/png' },
        payload: await drawingPng(64),
      });
      expect(answer.statusCode).toBe(200);
      expect((await test.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await test.app.close();
    }
  });
});
