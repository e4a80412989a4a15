import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('GET /api/models/:id/report', () => {
  let test: TestApp;
  const shippedReport = path.join(repoRoot, 'models', 'digits', 'report', 'report.json');
  const reportOf = (id: string) =>
    path.join(test.context.registry.require(id).folder, 'report', 'report.json');

  beforeAll(async () => {
    test = await startTestApp({
      models: {
        digits: tinyMetadata('digits', digitLabels),
        plain: tinyMetadata('plain', digitLabels),
        stale: tinyMetadata('stale', ['a', 'b']),
        broken: tinyMetadata('broken', digitLabels),
        other: tinyMetadata('other', digitLabels),
      },
    });
    // The shipped digits model's report: the very file glyph eval --report wrote.
    await mkdir(path.dirname(reportOf('digits')), { recursive: true });
    await copyFile(shippedReport, reportOf('digits'));
    for (const [id, text] of [
      ['stale', await readFile(shippedReport, 'utf8')],
      ['broken', '{"format": "glyph-evaluation-report", "vers'],
      ['other', JSON.stringify({ format: 'something-else', version: 1, labels: digitLabels })],
    ]) {
      await mkdir(path.dirname(reportOf(id)), { recursive: true });
      await writeFile(reportOf(id), text);
    }
  });
  afterAll(async () => {
    await test.app.close();
  });

  it('answers the report.json of the model folder, every field intact', async () => {
    const response = await test.app.inject('/api/models/digits/report');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.json()).toEqual(JSON.parse(await readFile(shippedReport, 'utf8')));
  });

  it('is REPORT_NOT_FOUND (404) for a model without a report, MODEL_NOT_FOUND for an unknown model', async () => {
    const none = await test.app.inject('/api/models/plain/report');
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('REPORT_NOT_FOUND');
    expect(none.json().error.message).toMatch(
      /Model "plain" has no evaluation report \(report\/report\.json/,
    );
    expect(none.json().error.message).not.toContain(test.context.registry.require('plain').folder);
    const unknown = await test.app.inject('/api/models/nope/report');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'MODEL_NOT_FOUND']);
  });

  it('is MODEL_INVALID (422) for a report that is not JSON, not a report, or about other labels', async () => {
    for (const [id, why] of [
      ['broken', /not valid JSON/],
      ['other', /not a version 1 glyph-evaluation-report/],
      ['stale', /other labels than the model's 2/],
    ] as const) {
      const response = await test.app.inject(`/api/models/${id}/report`);
      expect(response.statusCode, id).toBe(422);
      expect(response.json().error.code, id).toBe('MODEL_INVALID');
      expect(response.json().error.message, id).toMatch(why);
    }
  });
});
