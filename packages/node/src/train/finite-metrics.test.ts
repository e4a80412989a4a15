import { describe, expect, it } from 'vitest';
import type { ModelMetadata } from '@glyph/core/model';
import type { EpochLogs, TrainingControl } from '@glyph/core/train';
import { assertFiniteMetrics, finiteLossGuard } from './finite-metrics';

const logs = (loss: number, valLoss?: number): EpochLogs => ({
  epoch: 2,
  loss,
  accuracy: 0.5,
  ...(valLoss !== undefined && { valLoss, valAccuracy: 0.5 }),
  learningRate: 0.001,
  seconds: 1,
  samples: 10,
});

describe('finite metrics', () => {
  it('stops a run whose training or validation loss is not a number', () => {
    const guard = finiteLossGuard();
    const control = {} as TrainingControl;
    expect(() => guard.onEpochEnd!(logs(0.3, 0.4), control)).not.toThrow();
    expect(() => guard.onEpochEnd!(logs(0.3), control)).not.toThrow();
    expect(() => guard.onEpochEnd!(logs(Number.NaN, 0.4), control)).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message: expect.stringMatching(/diverged: after epoch 2 loss is NaN.*--lr/),
      }),
    );
    expect(() => guard.onEpochEnd!(logs(0.3, Number.POSITIVE_INFINITY), control)).toThrow(
      /valLoss is Infinity/,
    );
  });

  it('refuses metadata whose metrics are not numbers, naming them', () => {
    const metadata = { metrics: { accuracy: Number.NaN, loss: 0.2, count: 3, evaluatedOn: 'validation' } };
    expect(() => assertFiniteMetrics(metadata as unknown as ModelMetadata)).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message: expect.stringMatching(/accuracy NaN\), measured on validation/),
      }),
    );
    const fine = { metrics: { ...metadata.metrics, accuracy: 0.5 } };
    expect(() => assertFiniteMetrics(fine as unknown as ModelMetadata)).not.toThrow();
  });
});
