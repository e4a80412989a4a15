import type { TrainingCallback, TrainingControl } from './callback';

export interface CosineScheduleOptions {
  /** Peak learning rate, reached at the end of warm-up. */
  readonly maxLearningRate: number;
  /** Final learning rate. Default maxLearningRate / 100. */
  readonly minLearningRate?: number;
  /**
   * Fraction of all steps spent ramping linearly up from minLearningRate (one-cycle style).
   * Default 0: plain cosine decay from the peak.
   */
  readonly warmupFraction?: number;
}

/** The learning rate at `step` of `totalSteps` for a warm-up + cosine-decay schedule. */
export function cosineLearningRate(step: number, totalSteps: number, options: CosineScheduleOptions): number {
  const max = options.maxLearningRate;
  const min = options.minLearningRate ?? max / 100;
  const warmupSteps = Math.round((options.warmupFraction ?? 0) * totalSteps);
  if (step < warmupSteps) return min + ((max - min) * step) / warmupSteps;
  const decaySteps = Math.max(1, totalSteps - warmupSteps - 1);
  const progress = Math.min(1, (step - warmupSteps) / decaySteps);
  return min + ((max - min) * (1 + Math.cos(Math.PI * progress))) / 2;
}

/**
 * Sets the learning rate before every step from the global step alone, so it needs no saved state
 * to resume: step k of a resumed run gets the rate step k of the whole run would have had.
 */
export function cosineSchedule(options: CosineScheduleOptions): TrainingCallback {
  return {
    name: 'cosine-schedule',
    onBatchBegin(globalStep: number, control: TrainingControl) {
      const totalSteps = control.epochs * control.stepsPerEpoch;
      control.learningRate = cosineLearningRate(globalStep, totalSteps, options);
    },
  };
}
