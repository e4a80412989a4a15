import { GlyphError } from '@glyph/core';
import type { ModelMetadata } from '@glyph/core/model';
import type { EpochLogs, TrainingCallback } from '@glyph/core/train';

const divergedAdvice =
  'The weights are no longer usable. Lower --lr (e.g. by 4x), check the data for broken images, or ' +
  'give the run more images; then run the same command again (this run left no checkpoints).';

/**
 * Stops a run at the end of the first epoch whose training or validation loss is not a finite
 * number: every later epoch would only carry NaN weights forward.
 */
export function finiteLossGuard(): TrainingCallback {
  return {
    name: 'finite-loss-guard',
    onEpochEnd(logs: EpochLogs) {
      const bad = (['loss', 'valLoss'] as const).filter(
        (key) => logs[key] !== undefined && !Number.isFinite(logs[key]),
      );
      if (bad.length > 0) {
        throw new GlyphError(
          'MODEL_INVALID',
          `Training diverged: after epoch ${logs.epoch} ${bad.map((key) => `${key} is ${String(logs[key])}`).join(' and ')}. ${divergedAdvice}`,
        );
      }
    },
  };
}

/** Refuses to write a model whose recorded metrics are NaN or infinite (they would fail its schema). */
export function assertFiniteMetrics(metadata: ModelMetadata): void {
  const bad = Object.entries(metadata.metrics).filter(
    ([, value]) => typeof value === 'number' && !Number.isFinite(value),
  );
  if (bad.length > 0) {
    throw new GlyphError(
      'MODEL_INVALID',
      `The trained model's metrics are not numbers (${bad.map(([key, value]) => `${key} ${String(value)}`).join(', ')}), ` +
        `measured on ${String(metadata.metrics.evaluatedOn)} data. ${divergedAdvice}`,
    );
  }
}
