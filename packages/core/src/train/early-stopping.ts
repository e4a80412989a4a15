import type { EpochLogs, MetricName, TrainingCallback, TrainingControl } from './callback';
import { isAccuracyMetric, metricOf } from './callback';

export interface EarlyStoppingOptions {
  /** Default `valLoss`; use `loss` when the run has no validation data. */
  readonly monitor?: MetricName;
  /** Epochs without improvement before stopping. Default 5. */
  readonly patience?: number;
  /** Smallest change that counts as an improvement. Default 0. */
  readonly minDelta?: number;
  /** Put back the weights of the best epoch when stopping (kept in memory, not in checkpoints). */
  readonly restoreBestWeights?: boolean;
}

interface EarlyStoppingState {
  best: number | null;
  bestEpoch: number;
  wait: number;
}

/** Stops training once `monitor` has not improved for `patience` epochs. */
export function earlyStopping(options: EarlyStoppingOptions = {}): TrainingCallback {
  const monitor = options.monitor ?? 'valLoss';
  const patience = options.patience ?? 5;
  const minDelta = Math.abs(options.minDelta ?? 0);
  const sign = isAccuracyMetric(monitor) ? 1 : -1;
  let state: EarlyStoppingState = { best: null, bestEpoch: 0, wait: 0 };
  let bestWeights: Float32Array[] | undefined;

  const improved = (value: number): boolean => state.best === null || sign * (value - state.best) > minDelta;

  return {
    name: 'early-stopping',
    async onEpochEnd(logs: EpochLogs, control: TrainingControl) {
      const value = metricOf(logs, monitor);
      if (value === undefined || Number.isNaN(value)) return;
      if (improved(value)) {
        state = { best: value, bestEpoch: logs.epoch, wait: 0 };
        if (options.restoreBestWeights) bestWeights = await control.trainer.getWeights();
        return;
      }
      state.wait += 1;
      if (state.wait >= patience) {
        control.stop('early-stopping');
        if (bestWeights) await control.trainer.setWeights(bestWeights);
      }
    },
    getState: () => ({ ...state }),
    setState(saved) {
      state = { ...(saved as EarlyStoppingState) };
    },
  };
}
