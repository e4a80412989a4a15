import type { BatchTrainer } from './batch-trainer';

/** One finished epoch; `epoch` counts from 1. Validation fields are absent without validation data. */
export interface EpochLogs {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  /** The learning rate at the end of the epoch. */
  readonly learningRate: number;
  readonly seconds: number;
  readonly samples: number;
}

export type MetricName = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy';

export interface BatchLogs {
  /** Epoch being trained, from 1. */
  readonly epoch: number;
  /** Batch within the epoch, from 0. */
  readonly batch: number;
  readonly stepsPerEpoch: number;
  /** Steps taken since the run began (including steps of resumed epochs). */
  readonly globalStep: number;
  readonly size: number;
  readonly loss: number;
  readonly accuracy: number;
  /** Sample-weighted means over the epoch so far (what a progress bar shows). */
  readonly meanLoss: number;
  readonly meanAccuracy: number;
  readonly samplesSeen: number;
  /** Seconds since the epoch began. */
  readonly seconds: number;
}

/** What the training loop lets callbacks see and steer. */
export interface TrainingControl {
  readonly epochs: number;
  readonly stepsPerEpoch: number;
  readonly batchSize: number;
  readonly trainer: BatchTrainer;
  readonly history: readonly EpochLogs[];
  /** Read or change the learning rate; a change applies from the next step. */
  learningRate: number;
  /** Ends training after the current step (mid-epoch) or epoch; the reason lands in the result. */
  stop(reason: StopReason): void;
  /** The loop's resumable state after the last finished epoch (for checkpoints). */
  snapshot(): FitSnapshot;
}

export type StopReason = 'completed' | 'early-stopping' | 'interrupted';

/** Enough to resume a run after its last finished epoch (weights and optimizer state aside). */
export interface FitSnapshot {
  readonly epochsCompleted: number;
  readonly learningRate: number;
  readonly history: readonly EpochLogs[];
  /** `getState()` of every callback that has one, by callback name. */
  readonly callbackStates: Readonly<Record<string, unknown>>;
}

/**
 * Training as events (Keras-style). Every hook is optional and may be async; the loop awaits it.
 * A callback with state that must survive a resume (patience counters, best values) implements
 * `getState`/`setState` with JSON-safe values.
 */
export interface TrainingCallback {
  /** Unique within a run; keys the callback's state in checkpoints. */
  readonly name: string;
  onTrainBegin?(control: TrainingControl): void | Promise<void>;
  onEpochBegin?(epoch: number, control: TrainingControl): void | Promise<void>;
  onBatchBegin?(globalStep: number, control: TrainingControl): void | Promise<void>;
  onBatchEnd?(logs: BatchLogs, control: TrainingControl): void | Promise<void>;
  onEpochEnd?(logs: EpochLogs, control: TrainingControl): void | Promise<void>;
  onTrainEnd?(result: FitResult, control: TrainingControl): void | Promise<void>;
  getState?(): unknown;
  setState?(state: unknown): void;
}

export interface FitResult {
  readonly history: readonly EpochLogs[];
  readonly epochsCompleted: number;
  readonly stopReason: StopReason;
  /** Wall-clock seconds of this call (a resumed run counts only its own part). */
  readonly seconds: number;
}

/** Reads a metric from epoch logs; undefined when the run has no validation data. */
export function metricOf(logs: EpochLogs, metric: MetricName): number | undefined {
  return logs[metric];
}

/** Whether larger is better for `metric`. */
export function isAccuracyMetric(metric: MetricName): boolean {
  return metric === 'accuracy' || metric === 'valAccuracy';
}
