import type { TeachProgress } from './teach-types';

/** Shares of the overall fraction: preprocessing and caching, training, the held-out evaluation. */
const preparingShare = 0.25;
const trainingShare = 0.7;

export interface ProgressReporter {
  /** `done` of `total` preparation steps finished. */
  preparing(done: number, total: number): void;
  /** Steps finished of the whole training, and the latest epoch figures when an epoch ended. */
  training(step: number, steps: number, epoch: number, figures?: Partial<TeachProgress>): void;
  evaluating(): void;
}

/** Maps the stages of a teaching call onto one 0..1 fraction for a progress bar. */
export function progressReporter(
  epochs: number,
  onProgress: ((progress: TeachProgress) => void) | undefined,
): ProgressReporter {
  let last: Partial<TeachProgress> = {};
  const emit = (progress: TeachProgress) => onProgress?.(progress);
  return {
    preparing: (done, total) =>
      emit({ stage: 'preparing', epoch: 0, epochs, fraction: preparingShare * ratio(done, total) }),
    training: (step, steps, epoch, figures) => {
      if (figures) last = { ...last, ...figures };
      emit({
        ...last,
        stage: 'training',
        epoch,
        epochs,
        fraction: preparingShare + trainingShare * ratio(step, steps),
      });
    },
    evaluating: () => emit({ ...last, stage: 'evaluating', epoch: epochs, epochs, fraction: 0.95 }),
  };
}

function ratio(done: number, total: number): number {
  return total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
}
