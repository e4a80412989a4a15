export { buildMetadata, idFromFolder, type EvaluatedOn } from './build-metadata';
export {
  checkpointsFolder,
  findLatestCheckpoint,
  readCheckpoint,
  writeCheckpoint,
  type Checkpoint,
  type CheckpointState,
} from './checkpoint';
export { stopOnSignals } from './interrupt';
export { defaultPreprocess, prepareData, type PreparedData } from './prepare-data';
export {
  prepareEvaluationData,
  type EvaluationData,
  type EvaluationDataRequest,
} from './prepare-evaluation-data';
export { formatDuration, progressLine, progressPrinter, type ProgressOutput } from './progress-printer';
export { resumeConfig } from './resume-config';
export { planRetrain, retrainDefaults, type RetrainPlan, type RetrainRequest } from './retrain-plan';
export { runRetrain, type RetrainOutcome } from './run-retrain';
export { scoreOnFolder } from './score-on-folder';
export { runTraining, type RunTrainingOptions, type TrainingOutcome } from './run-training';
export type {
  AugmentKind,
  PhotoSubject,
  PreprocessKind,
  RunSettings,
  ScheduleKind,
  TrainConfig,
} from './train-config';
