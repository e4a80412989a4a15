export { fillBatch } from './batch-builder';
export type { BatchResult, BatchTrainer } from './batch-trainer';
export {
  isAccuracyMetric,
  metricOf,
  type BatchLogs,
  type EpochLogs,
  type FitResult,
  type FitSnapshot,
  type MetricName,
  type StopReason,
  type TrainingCallback,
  type TrainingControl,
} from './callback';
export { cosineLearningRate, cosineSchedule, type CosineScheduleOptions } from './cosine-schedule';
export { deriveSeed, randomStreams } from './derive-seed';
export { reseedDropout } from './dropout-seeds';
export { earlyStopping, type EarlyStoppingOptions } from './early-stopping';
export { fit, type FitOptions } from './fit';
export {
  applyGradients,
  batchAccuracy,
  computeGradients,
  sparseCrossEntropy,
  type GradientResult,
} from './gradients';
export {
  LocalTrainer,
  isCheckpointableTrainer,
  type CheckpointableTrainer,
  type LocalTrainerOptions,
} from './local-trainer';
export {
  createOptimizer,
  getOptimizerState,
  setOptimizerLearningRate,
  setOptimizerState,
  type OptimizerConfig,
  type OptimizerKind,
  type OptimizerSlot,
  type OptimizerState,
} from './optimizer';
export { reduceLrOnPlateau, type ReduceLrOnPlateauOptions } from './reduce-lr-on-plateau';
export { trainingCurvesSpec } from './curves-spec';
