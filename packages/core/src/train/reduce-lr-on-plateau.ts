import type { EpochLogs, MetricName, TrainingCallback, TrainingControl } from './callback';
import { isAccuracyMetric, metricOf } from './callback';

export interface ReduceLrOnPlateauOptions {
  /** Default `valLoss`. */
  readonly monitor?: MetricName;
  /** New rate = rate × factor. Default 0.5. */
  readonly factor?: number;
  /** Epochs without improvement before reducing. Default 2. */
  readonly patience?: number;
  readonly minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  readonly cooldown?: number;
  readonly minLearningRate?: number;
}

interface PlateauState {
  best: number | null;
  wait: number;
  cooldownLeft: number;
}

/** Multiplies the learning rate by `factor` when `monitor` stalls for `patience` epochs. */
export function reduceLrOnPlateau(options: ReduceLrOnPlateauOptions = {}): TrainingCallback {
  const monitor = options.monitor ?? 'valLoss';
  const factor = options.factor ?? 0.5;
  const patience = options.patience ?? 2;
  const minDelta = Math.abs(options.minDelta ?? 1e-4);
  const cooldown = options.cooldown ?? 0;
  const minLearningRate = options.minLearningRate ?? 1e-6;
  const sign = isAccuracyMetric(monitor) ? 1 : -1;
  let state: PlateauState = { best: null, wait: 0, cooldownLeft: 0 };

  return {
    name: 'reduce-lr-on-plateau',
    onEpochEnd(logs: EpochLogs, control: TrainingControl) {
      const value = metricOf(logs, monitor);
      if (value === undefined || Number.isNaN(value)) return;
      if (state.cooldownLeft > 0) state.cooldownLeft -= 1;
      if (state.best === null || sign * (value - state.best) > minDelta) {
        state.best = value;
        state.wait = 0;
        return;
      }
      if (state.cooldownLeft > 0) return;
      state.wait += 1;
      if (state.wait >= patience && control.learningRate > minLearningRate) {
        control.learningRate = Math.max(minLearningRate, control.learningRate * factor);
        state.wait = 0;
        state.cooldownLeft = cooldown;
      }
    },
    getState: () => ({ ...state }),
    setState(saved) {
      state = { ...(saved as PlateauState) };
    },
  };
}
