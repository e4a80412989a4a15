import type * as tf from '@tensorflow/tfjs';
import {
  cosineSchedule,
  earlyStopping,
  isCheckpointableTrainer,
  reduceLrOnPlateau,
  type BatchTrainer,
  type TrainingCallback,
} from '@glyph/core/train';
import { writeCheckpoint } from './checkpoint';
import { finiteLossGuard } from './finite-metrics';
import { progressPrinter, type ProgressOutput } from './progress-printer';
import type { TrainConfig } from './train-config';

export interface CallbackContext {
  readonly config: TrainConfig;
  readonly hasValidation: boolean;
  readonly outDirectory: string;
  readonly model: tf.LayersModel;
  readonly syncModel: () => Promise<void>;
  readonly progress: ProgressOutput;
  readonly datasetSha256: string;
  readonly backend: string;
  /** The run's command lines so far (see `CheckpointState.commandLines`). */
  readonly commandLines: readonly string[];
}

/** Progress, learning-rate schedule, early stopping, and — last, so it sees their state — checkpoints. */
export function trainingCallbacks(context: CallbackContext): TrainingCallback[] {
  const { config } = context;
  const monitor = context.hasValidation ? 'valLoss' : 'loss';
  const callbacks: TrainingCallback[] = [progressPrinter(context.progress)];
  if (config.schedule === 'cosine') {
    // A short linear warm-up keeps batch-norm statistics and Adam moments sane at the peak rate.
    callbacks.push(cosineSchedule({ maxLearningRate: config.learningRate, warmupFraction: 0.05 }));
  } else if (config.schedule === 'plateau') {
    callbacks.push(reduceLrOnPlateau({ monitor, patience: 2, factor: 0.5 }));
  }
  if (config.earlyStopPatience !== undefined) {
    callbacks.push(earlyStopping({ monitor, patience: config.earlyStopPatience }));
  }
  // Before checkpoints, so a diverged epoch is never saved as one to resume from.
  callbacks.push(finiteLossGuard(), checkpointCallback(context));
  return callbacks;
}

function checkpointCallback(context: CallbackContext): TrainingCallback {
  return {
    name: 'checkpoint',
    async onEpochEnd(_logs, control) {
      await context.syncModel();
      const trainer: BatchTrainer = control.trainer;
      const optimizerState = isCheckpointableTrainer(trainer) ? await trainer.getOptimizerState() : null;
      await writeCheckpoint(
        context.outDirectory,
        context.model,
        {
          formatVersion: 1,
          config: context.config,
          snapshot: control.snapshot(),
          optimizer: optimizerState && {
            iterations: optimizerState.iterations,
            slots: optimizerState.slots.map((slot) => ({ name: slot.name, shape: [...slot.shape] })),
          },
          datasetSha256: context.datasetSha256,
          backend: context.backend,
          commandLines: context.commandLines,
        },
        optimizerState,
      );
    },
  };
}
