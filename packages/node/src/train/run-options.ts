import type { ModelMetadata } from '@glyph/core/model';
import type { EpochLogs } from '@glyph/core/train';
import type { ProgressOutput } from './progress-printer';
import type { RunSettings, TrainConfig } from './train-config';

// What a training run is given and what it gives back, shared by `runTraining` and the transfer run.

export interface RunTrainingOptions {
  readonly config: TrainConfig;
  /** Config fields the user set explicitly (checked against the checkpoint on resume). */
  readonly explicit?: ReadonlySet<keyof TrainConfig>;
  readonly settings: RunSettings;
  readonly outDirectory: string;
  readonly resume?: boolean;
  /** Start over in a folder that holds a model or checkpoints. */
  readonly force?: boolean;
  readonly progress: ProgressOutput;
  /** Notes for the person running it (dataset facts, resume point); one line each. */
  readonly log: (line: string) => void;
  readonly shouldStop?: () => boolean;
}

export interface TrainingOutcome {
  readonly metadata: ModelMetadata;
  readonly history: readonly EpochLogs[];
  readonly outDirectory: string;
  readonly curvesPath: string;
}
