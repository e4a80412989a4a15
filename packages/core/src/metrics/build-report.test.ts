import { describe, expect, it } from 'vitest';
import { buildEvaluationReport } from './build-report';
import { describePartition } from './partition';

describe('buildEvaluationReport', () => {
  const report = buildEvaluationReport({
    model: { id: 'toy', name: 'Toy', labels: ['a', 'b', 'c'], input: { width: 2, height: 2, channels: 1 } },
    dataset: {
      spec: 'toy:test',
      name: 'toy:test',
      sha256: 'f'.repeat(64),
      partition: describePartition({ dataset: 'toy', split: 'test' }),
      notes: [],
    },
    outcomes: {
      trueClasses: [0, 0, 1, 1, 2, 2],
      predictedClasses: [0, 1, 1, 1, 0, 2],
      confidences: [0.9, 0.6, 0.8, 0.7, 0.5, 0.95],
      trueProbabilities: [0.9, 0.3, 0.8, 0.7, 0.2, 0.95],
    },
    timing: { evaluateMs: 12, imagesPerSecond: 500, backend: 'cpu' },
    topLossCount: 2,
    createdAt: '2020-01-01T00:00:00.000Z',
  });

  it('holds the numbers of a known case', () => {
    expect(report.n).toBe(6);
    expect(report.accuracy).toBeCloseTo(4 / 6, 12);
    expect(report.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(report.perClass.map((c) => c.support)).toEqual([2, 2, 2]);
    expect(report.mostConfused[0]).toEqual({ actual: 'a', predicted: 'b', count: 1 });
    expect(report.topLosses.map((t) => t.index)).toEqual([4, 1]);
    expect(report.weightedAverage.recall).toBeCloseTo(report.accuracy, 12);
  });

  it('is plain JSON: a round trip changes nothing', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('describePartition', () => {
  it('says plainly that a holdout is not the official test split', () => {
    const partition = describePartition({ dataset: 'emnist-byclass', split: 'test', holdoutFraction: 0.15 });
    expect(partition.kind).toBe('holdout');
    expect(partition.statement).toMatch(/held-out partition \(15% of emnist-byclass:test/);
    expect(partition.statement).toMatch(/not from the official test split/);
  });

  it('names official splits and whole datasets', () => {
    expect(describePartition({ dataset: 'mnist', split: 'test' })).toEqual({
      kind: 'official-split',
      split: 'test',
      statement: 'These numbers come from the test split of mnist.',
    });
    expect(describePartition({ dataset: 'folder:x' }).kind).toBe('whole-dataset');
  });
});
