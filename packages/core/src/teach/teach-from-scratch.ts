import type { Augmenter } from '../augment/augmenter';
import type { LabeledImages } from '../data/labeled-images';
import { repeatImages } from '../data/select-images';
import { cosineSchedule } from '../train/cosine-schedule';
import { evaluateModel } from '../evaluate/evaluate-model';
import { summarizeOutcomes } from '../evaluate/summarize-outcomes';
import { fit } from '../train/fit';
import { LocalTrainer } from '../train/local-trainer';
import { buildGlyphnet } from '../zoo/glyphnet';
import { throwIfCancelled } from './cancel';
import type { ProgressReporter } from './progress';
import type { TrainedModel } from './teach-from-features';
import type { CancelSignal, TeachEpoch } from './teach-types';

export interface ScratchRecipe {
  readonly epochs: number;
  /** Each epoch shows every sample this many times (each time a new augmented variant). */
  readonly repeats: number;
  readonly batchSize: number;
  readonly learningRate: number;
}

export const scratchRecipe: ScratchRecipe = { epochs: 12, repeats: 6, batchSize: 16, learningRate: 0.003 };

/** A glyphnet (the zoo's default network) trained on the samples alone, every view augmented. */
export async function teachFromScratch(
  train: LabeledImages,
  holdout: LabeledImages,
  options: {
    readonly recipe: ScratchRecipe;
    readonly augmenter: Augmenter;
    readonly seed: number;
    readonly signal?: CancelSignal;
    readonly progress: ProgressReporter;
  },
): Promise<TrainedModel> {
  const { recipe, signal, progress } = options;
  const model = buildGlyphnet({
    inputShape: [train.height, train.width, train.channels],
    numClasses: train.classNames.length,
    seed: options.seed,
  });
  const trainer = new LocalTrainer(model, {
    optimizer: { kind: 'adam', learningRate: recipe.learningRate },
    seed: options.seed,
  });
  const shown = repeatImages(train, recipe.repeats);
  const stepsPerEpoch = Math.ceil(shown.count / recipe.batchSize);
  const history: TeachEpoch[] = [];
  progress.preparing(1, 1);
  try {
    await fit(trainer, shown, {
      epochs: recipe.epochs,
      batchSize: recipe.batchSize,
      seed: options.seed,
      learningRate: recipe.learningRate,
      augmenter: options.augmenter,
      ...(holdout.count > 0 && {
        validation: holdout,
        evaluate: async (set) => summarizeOutcomes(await evaluateModel(model, set)),
      }),
      callbacks: [
        cosineSchedule({ maxLearningRate: recipe.learningRate }),
        {
          name: 'teach-progress',
          onBatchEnd: (logs) => {
            throwIfCancelled(signal);
            progress.training(logs.globalStep + 1, recipe.epochs * stepsPerEpoch, logs.epoch - 1);
          },
          onEpochEnd: (logs) => {
            const epoch = {
              epoch: logs.epoch,
              loss: logs.loss,
              accuracy: logs.accuracy,
              ...(logs.valAccuracy !== undefined && { validationAccuracy: logs.valAccuracy }),
            };
            history.push(epoch);
            progress.training(logs.epoch * stepsPerEpoch, recipe.epochs * stepsPerEpoch, logs.epoch, epoch);
          },
        },
      ],
    });
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    await trainer.dispose();
  }
  return { model, history, recipe: { ...recipe, base: 'scratch', architecture: 'glyphnet' } };
}
