import { describe, expect, it } from 'vitest';
import { classMetrics, macroAverage, weightedAverage } from './class-metrics';
import { confusionMatrix } from './confusion-matrix';

describe('classMetrics', () => {
  it('computes precision, recall, F1 and support per class', () => {
    const matrix = confusionMatrix([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 2], 3);
    const [a, b, c] = classMetrics(matrix, ['a', 'b', 'c']);
    expect(a).toMatchObject({
      index: 0,
      label: 'a',
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      support: 2,
      predicted: 2,
    });
    expect(b.precision).toBeCloseTo(2 / 3, 12);
    expect(b.recall).toBe(1);
    expect(b.f1).toBeCloseTo(0.8, 12);
    expect(c).toMatchObject({ precision: 1, recall: 0.5, support: 2, predicted: 1 });
    expect(c.f1).toBeCloseTo(2 / 3, 12);
  });

  it('gives 0, not NaN, for a class that is never predicted', () => {
    const matrix = confusionMatrix([0, 1, 2], [0, 1, 1], 3);
    const never = classMetrics(matrix, ['x', 'y', 'z'])[2];
    expect(never).toEqual({ index: 2, label: 'z', precision: 0, recall: 0, f1: 0, support: 1, predicted: 0 });
  });

  it('gives 0 recall for a class absent from the data but predicted', () => {
    const matrix = confusionMatrix([0, 0], [0, 1], 3);
    const metrics = classMetrics(matrix, ['x', 'y', 'z']);
    expect(metrics[1]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 1 });
    expect(metrics[2]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
    for (const m of metrics) expect(Number.isFinite(m.precision + m.recall + m.f1)).toBe(true);
  });

  it('macro-averages over classes seen in data or predictions; weights by support', () => {
    // x: 2 samples, 1 right; y: predicted once, never true; z: neither (left out of the macro mean).
    const matrix = confusionMatrix([0, 0], [0, 1], 3);
    const metrics = classMetrics(matrix, ['x', 'y', 'z']);
    const macro = macroAverage(metrics);
    expect(macro.precision).toBeCloseTo((1 + 0) / 2, 12);
    expect(macro.recall).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(macro.f1).toBeCloseTo((2 / 3 + 0) / 2, 12);
    const weighted = weightedAverage(metrics);
    expect(weighted).toEqual({ precision: 1, recall: 0.5, f1: metrics[0].f1 });
  });

  it('averages to 0 for no samples at all', () => {
    const metrics = classMetrics(confusionMatrix([], [], 2), ['a', 'b']);
    expect(macroAverage(metrics)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(weightedAverage(metrics)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
