import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../api/api-types';
import { reportFromMetadata } from './model-details';
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
    const report = reportFromMetadata(summary, { metrics: { accuracy: 0.75, confusion: [[3, 1], [0, 4]] } });
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
