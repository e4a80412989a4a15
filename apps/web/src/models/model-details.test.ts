import { afterEach, describe, expect, it, vi } from 'vitest';
import { confusionChartSpec } from '@glyph/core/metrics';
import type { ModelSummary } from '../api/api-types';
import shippedDigitsReport from '../../../../models/digits/report/report.json';
import { loadModelDetails, reportFromMetadata } from './model-details';
import { defaultModel } from './model-labels';

const summary: ModelSummary = {
  id: 'ab',
  name: 'AB',
  task: 'character',
  labels: ['a', 'b'],
  input: { width: 28, height: 28, channels: 1 },
  metrics: { accuracy: 0.75 },
};

describe('reportFromMetadata', () => {
  it('rebuilds scores and confused pairs from a confusion matrix in the metadata', () => {
    const report = reportFromMetadata(summary, {
      metrics: {
        accuracy: 0.75,
        confusion: [
          [3, 1],
          [0, 4],
        ],
      },
    });
    expect(report?.n).toBe(8);
    expect(report?.accuracy).toBeCloseTo(7 / 8);
    expect(report?.mostConfused[0]).toEqual({ actual: 'a', predicted: 'b', count: 1 });
    expect(report?.perClass.map((row) => row.support)).toEqual([4, 4]);
  });

  it('gives no report without a matrix of the right size', () => {
    expect(reportFromMetadata(summary, null)).toBeNull();
    expect(reportFromMetadata(summary, { metrics: { confusion: [[1, 2, 3]] } })).toBeNull();
  });
});

describe('defaultModel', () => {
  const model = (id: string): ModelSummary => ({ ...summary, id });

  it('starts with the first standard model served, digits first', () => {
    expect(defaultModel([model('custom'), model('chars'), model('digits')])?.id).toBe('digits');
    expect(defaultModel([model('custom'), model('letters')])?.id).toBe('letters');
  });

  it('falls back to the first served model, or none', () => {
    expect(defaultModel([model('custom'), model('other')])?.id).toBe('custom');
    expect(defaultModel([])).toBeNull();
  });
});

describe('loadModelDetails', () => {
  const digits: ModelSummary = {
    ...summary,
    id: 'digits',
    name: 'Digits',
    labels: shippedDigitsReport.labels,
  };

  /** A stand-in server answering the given paths with JSON and anything else with 404. */
  function serve(routes: Record<string, unknown>): string[] {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      return url in routes
        ? new Response(JSON.stringify(routes[url]), { headers: { 'content-type': 'application/json' } })
        : new Response(JSON.stringify({ error: { code: 'ROUTE_NOT_FOUND', message: 'no' } }), {
            status: 404,
          });
    });
    return asked;
  }
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the shipped report.json as GET /api/models/<id>/report serves it', async () => {
    serve({
      '/models/digits/metadata.json': { id: 'digits' },
      '/api/models/digits/report': shippedDigitsReport,
    });
    const details = await loadModelDetails(digits);
    expect(details.reportSource).toBe('report');
    expect(details.report?.n).toBe(shippedDigitsReport.n);
    expect(details.report?.macroAverage.f1).toBeGreaterThan(0.9);
    expect(details.report?.dataset.partition.statement).toMatch(/test split/);
    const spec = confusionChartSpec(details.report!) as { data: { values: unknown[] } };
    expect(spec.data.values.length).toBeGreaterThan(0);
  });

  it('falls back to report.json beside the model, and refuses a report about other labels', async () => {
    const stale = { ...shippedDigitsReport, labels: ['x', 'y'] };
    const asked = serve({
      '/api/models/digits/report': stale,
      '/models/digits/report.json': shippedDigitsReport,
    });
    expect((await loadModelDetails(digits)).reportSource).toBe('report');
    expect(asked).toEqual([
      '/models/digits/metadata.json',
      '/api/models/digits/report',
      '/models/digits/report.json',
    ]);

    serve({ '/api/models/digits/report': stale });
    const details = await loadModelDetails(digits);
    expect([details.report, details.reportSource]).toEqual([null, null]);
  });
});
