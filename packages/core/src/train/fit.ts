import type { Augmenter } from '../augment/augmenter';
import type { LabeledImages } from '../data/labeled-images';
import { mulberry32, shuffleInPlace } from '../data/seeded-random';
import { GlyphError } from '../errors/glyph-error';
import { fillBatch } from './batch-builder';
import type { BatchTrainer } from './batch-trainer';
import type {
  EpochLogs,
  FitResult,
  FitSnapshot,
  StopReason,
  TrainingCallback,
  TrainingControl,
} from './callback';
import { deriveSeed, randomStreams } from './derive-seed';

export interface FitOptions {
  readonly epochs: number;
  readonly batchSize: number;
  /** Drives shuffling and augmentation; the same seed replays the same batches. */
  readonly seed: number;
  readonly learningRate: number;
  /** Random variants of each training image (characters or photos); none when absent. */
  readonly augmenter?: Augmenter;
  /** Held-out part of the TRAINING data; never the test split. */
  readonly validation?: LabeledImages;
  /** Loss/accuracy of the current weights on a set; required with `validation`. */
  readonly evaluate?: (set: LabeledImages) => Promise<{ loss: number; accuracy: number }>;
  readonly callbacks?: readonly TrainingCallback[];
  /** Continue after the epochs recorded in a checkpoint (weights/optimizer restored by the caller). */
  readonly resumeFrom?: FitSnapshot;
  /** Polled before every step; returning true ends training cleanly (e.g. on Ctrl-C). */
  readonly shouldStop?: () => boolean;
}

interface LoopState {
  learningRate: number;
  appliedLearningRate: number;
  stopReason: StopReason | undefined;
  readonly history: EpochLogs[];
}

/**
 * The training loop: for each epoch a seeded shuffle, batches converted from uint8 to float32 [0,1]
 * (augmented when asked), one `trainer.trainBatch` step per batch, then validation and callbacks.
 * Shuffling and augmentation are seeded per epoch, so a run resumed after epoch k sees exactly
 * the batches the uninterrupted run would have seen.
 */
export async function fit(
  trainer: BatchTrainer,
  train: LabeledImages,
  options: FitOptions,
): Promise<FitResult> {
  validateOptions(train, options);
  const startedAt = Date.now();
  const callbacks = options.callbacks ?? [];
  const resume = options.resumeFrom;
  const state: LoopState = {
    learningRate: resume?.learningRate ?? options.learningRate,
    appliedLearningRate: Number.NaN,
    stopReason: undefined,
    history: [...(resume?.history ?? [])],
  };
  const stepsPerEpoch = Math.ceil(train.count / options.batchSize);
  const control = createControl(trainer, options, callbacks, state, stepsPerEpoch);
  if (resume) restoreCallbackStates(callbacks, resume);
  await emit(callbacks, (callback) => callback.onTrainBegin?.(control));
  for (let epoch = (resume?.epochsCompleted ?? 0) + 1; epoch <= options.epochs; epoch++) {
    if (state.stopReason) break;
    await emit(callbacks, (callback) => callback.onEpochBegin?.(epoch, control));
    const trained = await trainEpoch(trainer, train, options, control, state, epoch);
    if (!trained) break;
    const logs = await finishEpoch(trained, options, state, epoch);
    state.history.push(logs);
    await emit(callbacks, (callback) => callback.onEpochEnd?.(logs, control));
  }
  const result: FitResult = {
    history: state.history,
    epochsCompleted: state.history.length,
    stopReason: state.stopReason ?? 'completed',
    seconds: (Date.now() - startedAt) / 1000,
  };
  await emit(callbacks, (callback) => callback.onTrainEnd?.(result, control));
  return result;
}

function validateOptions(train: LabeledImages, options: FitOptions): void {
  if (!Number.isInteger(options.epochs) || options.epochs < 1) {
    throw new GlyphError('BAD_USAGE', `epochs must be a positive integer, got ${options.epochs}.`);
  }
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new GlyphError('BAD_USAGE', `batch size must be a positive integer, got ${options.batchSize}.`);
  }
  if (!(options.learningRate > 0)) {
    throw new GlyphError('BAD_USAGE', `learning rate must be positive, got ${options.learningRate}.`);
  }
  if (train.count === 0) throw new GlyphError('DATASET_EMPTY', `${train.name} has no images to train on.`);
  if (options.validation && !options.evaluate) {
    throw new Error('fit: `validation` needs an `evaluate` function');
  }
  const names = new Set((options.callbacks ?? []).map((callback) => callback.name));
  if (names.size !== (options.callbacks ?? []).length) throw new Error('fit: callback names must be unique');
}

function createControl(
  trainer: BatchTrainer,
  options: FitOptions,
  callbacks: readonly TrainingCallback[],
  state: LoopState,
  stepsPerEpoch: number,
): TrainingControl {
  return {
    epochs: options.epochs,
    stepsPerEpoch,
    batchSize: options.batchSize,
    trainer,
    history: state.history,
    get learningRate() {
      return state.learningRate;
    },
    set learningRate(value: number) {
      state.learningRate = value;
    },
    stop(reason) {
      state.stopReason ??= reason;
    },
    snapshot() {
      const callbackStates: Record<string, unknown> = {};
      for (const callback of callbacks) {
        if (callback.getState) callbackStates[callback.name] = callback.getState();
      }
      return {
        epochsCompleted: state.history.length,
        learningRate: state.learningRate,
        history: [...state.history],
        callbackStates,
      };
    },
  };
}

function restoreCallbackStates(callbacks: readonly TrainingCallback[], snapshot: FitSnapshot): void {
  for (const callback of callbacks) {
    const saved = snapshot.callbackStates[callback.name];
    if (saved !== undefined && callback.setState) callback.setState(saved);
  }
}

interface TrainedEpoch {
  readonly loss: number;
  readonly accuracy: number;
  readonly samples: number;
  readonly startedAt: number;
}

/** One pass over the shuffled training set; null when stopped mid-epoch (the epoch is discarded). */
async function trainEpoch(
  trainer: BatchTrainer,
  train: LabeledImages,
  options: FitOptions,
  control: TrainingControl,
  state: LoopState,
  epoch: number,
): Promise<TrainedEpoch | null> {
  const callbacks = options.callbacks ?? [];
  const startedAt = Date.now();
  const { order, augment, x, labels } = epochInputs(train, options, epoch);
  let lossSum = 0;
  let correctSum = 0;
  let samples = 0;
  for (let batch = 0; batch < control.stepsPerEpoch; batch++) {
    if (options.shouldStop?.()) control.stop('interrupted');
    if (state.stopReason === 'interrupted') return null;
    const globalStep = (epoch - 1) * control.stepsPerEpoch + batch;
    await emit(callbacks, (callback) => callback.onBatchBegin?.(globalStep, control));
    applyLearningRate(trainer, state);
    const start = batch * options.batchSize;
    const size = Math.min(options.batchSize, train.count - start);
    fillBatch(train, order, start, size, x, labels, augment);
    const result = await trainer.trainBatch(x, labels, size);
    lossSum += result.loss * size;
    correctSum += result.accuracy * size;
    samples += size;
    const logs = {
      epoch,
      batch,
      stepsPerEpoch: control.stepsPerEpoch,
      globalStep,
      size,
      loss: result.loss,
      accuracy: result.accuracy,
      meanLoss: lossSum / samples,
      meanAccuracy: correctSum / samples,
      samplesSeen: samples,
      seconds: (Date.now() - startedAt) / 1000,
    };
    await emit(callbacks, (callback) => callback.onBatchEnd?.(logs, control));
  }
  return { loss: lossSum / samples, accuracy: correctSum / samples, samples, startedAt };
}

/** This epoch's seeded order and augmentation stream, and reusable batch buffers. */
function epochInputs(train: LabeledImages, options: FitOptions, epoch: number) {
  const order = shuffleInPlace(
    Int32Array.from({ length: train.count }, (_, i) => i),
    mulberry32(deriveSeed(options.seed, randomStreams.shuffle, epoch)),
  );
  const augment = options.augmenter
    ? {
        augmenter: options.augmenter,
        random: mulberry32(deriveSeed(options.seed, randomStreams.augment, epoch)),
      }
    : undefined;
  const imageSize = train.width * train.height * train.channels;
  return {
    order,
    augment,
    x: new Float32Array(options.batchSize * imageSize),
    labels: new Int32Array(options.batchSize),
  };
}

function applyLearningRate(trainer: BatchTrainer, state: LoopState): void {
  if (state.learningRate !== state.appliedLearningRate) {
    trainer.setLearningRate(state.learningRate);
    state.appliedLearningRate = state.learningRate;
  }
}

async function finishEpoch(
  trained: TrainedEpoch,
  options: FitOptions,
  state: LoopState,
  epoch: number,
): Promise<EpochLogs> {
  const validation =
    options.validation && options.evaluate ? await options.evaluate(options.validation) : undefined;
  return {
    epoch,
    loss: trained.loss,
    accuracy: trained.accuracy,
    ...(validation ? { valLoss: validation.loss, valAccuracy: validation.accuracy } : {}),
    learningRate: state.learningRate,
    seconds: (Date.now() - trained.startedAt) / 1000,
    samples: trained.samples,
  };
}

async function emit(
  callbacks: readonly TrainingCallback[],
  call: (callback: TrainingCallback) => void | Promise<void>,
): Promise<void> {
  for (const callback of callbacks) await call(callback);
}
