import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GlyphError, type LabeledImages } from '@glyph/core';
import { initNodeEngine } from '@glyph/node/engine';
import { evaluateModel, summarizeOutcomes, type EvaluationSummary } from '@glyph/core/evaluate';
import { fit, type BatchTrainer, type FitResult } from '@glyph/core/train';
import { characterAugmenter, photoAugmenter, styleAugmenter, type Augmenter } from '@glyph/core/augment';
import { modelSize } from '@glyph/core/zoo';
import { readMetadata, registerFileRouters, saveModelFolder, writeFileAtomic } from '@glyph/node/model-io';
import { buildMetadata, type EvaluatedOn } from './build-metadata';
import { checkClassCountBeforeLoading } from './class-count-check';
import { findLatestCheckpoint, removeCheckpoints, type Checkpoint } from './checkpoint';
import { createTrainer } from './create-trainer';
import { assertFiniteMetrics } from './finite-metrics';
import { prepareData, type PreparedData, type TargetLabels } from './prepare-data';
import { resumeConfig } from './resume-config';
import type { RunTrainingOptions, TrainingOutcome } from './run-options';
import {
  claimOutput,
  startingModel,
  openCheckpoint,
  restoreModel,
  restoreTrainer,
  withResolvedInput,
} from './run-setup';
import type { TrainConfig } from './train-config';
import { trainingCallbacks } from './training-callbacks';
import { runTransfer } from './transfer/run-transfer';
import { writeCurves } from './write-curves';

export type { RunTrainingOptions, TrainingOutcome } from './run-options';

/**
 * `glyph train` as a library call: checks the output folder (and the checkpoint when resuming),
 * loads and checks the data, builds or restores the model, trains with a checkpoint every epoch,
 * then evaluates on the test data and writes the model folder, `history.json` and curves.
 * Stopped by `shouldStop` → `INTERRUPTED`, the last checkpoint kept for `--resume`.
 *
 * @public
 */
export async function runTraining(options: RunTrainingOptions): Promise<TrainingOutcome> {
  if (options.config.model === 'transfer') {
    // Before the backbone loads (seconds): transfer runs train their own labels, never --init.
    await checkClassCountBeforeLoading(options.config.dataset);
    return runTransfer(options);
  }
  const out = resolve(options.outDirectory);
  const checkpoint = options.resume
    ? await openCheckpoint(out)
    : await claimOutput(out, options.force === true);
  const config = checkpoint
    ? resumeConfig(checkpoint.state.config, options.config, options.explicit ?? new Set())
    : withResolvedInput(options.config);
  const input = config.input!;
  const engine = await initNodeEngine({ backend: options.settings.backend });
  registerFileRouters();
  const data = await prepareData(config, input, options.settings.dataDir, await initLabels(config));
  data.notes.forEach((note) => options.log(note));
  if (checkpoint && checkpoint.state.datasetSha256 !== data.loaded.sha256) {
    throw new GlyphError(
      'DATASET_CORRUPT',
      `The dataset ${config.dataset} changed since the run began (sha256 ${checkpoint.state.datasetSha256.slice(0, 12)}… → ${data.loaded.sha256.slice(0, 12)}…); a resumed run must see the same data. Start a new run instead.`,
    );
  }
  const model = checkpoint ? await restoreModel(checkpoint, data) : await startingModel(config, data);
  const created = await createTrainer(model, config, {
    workers: options.settings.workers,
    backend: engine.backend,
  });
  try {
    if (checkpoint) await restoreTrainer(created.trainer, checkpoint, options.log);
    return await trainAndSave({
      ...options,
      config,
      out,
      model,
      data,
      trainer: created.trainer,
      trainsModelInPlace: created.trainsModelInPlace,
      checkpoint,
      backend: engine.backend,
      workers: created.workers,
    }).catch(async (error: unknown) => {
      await dropFailedCheckpoints(out, error);
      throw error;
    });
  } finally {
    await created.trainer.dispose();
    model.dispose();
  }
}

interface TrainContext extends RunTrainingOptions {
  readonly out: string;
  readonly model: tf.LayersModel;
  readonly data: PreparedData;
  readonly trainer: BatchTrainer;
  readonly trainsModelInPlace: boolean;
  readonly checkpoint: Checkpoint | undefined;
  readonly backend: string;
  readonly workers: number;
}

async function trainAndSave(context: TrainContext): Promise<TrainingOutcome> {
  const { config, data, model, trainer, out } = context;
  // Today's trainers update `model` itself; any other trainer hands its weights back here.
  const syncModel = async () => {
    if (!context.trainsModelInPlace) await copyTrainerWeights(trainer, model);
  };
  const validate = async (set: LabeledImages) => {
    await syncModel();
    return summarizeOutcomes(await evaluateModel(model, set));
  };
  const augmenter = augmenterFor(config, data);
  const result = await fit(trainer, data.train, {
    epochs: config.epochs,
    batchSize: config.batchSize,
    seed: config.seed,
    learningRate: config.learningRate,
    ...(augmenter && { augmenter }),
    ...(data.validation && { validation: data.validation, evaluate: validate }),
    callbacks: trainingCallbacks({
      config,
      hasValidation: data.validation !== undefined,
      outDirectory: out,
      model,
      syncModel,
      progress: context.progress,
      datasetSha256: data.loaded.sha256,
      backend: context.backend,
      commandLines: commandLines(context),
    }),
    ...(context.checkpoint && { resumeFrom: context.checkpoint.state.snapshot }),
    ...(context.shouldStop && { shouldStop: context.shouldStop }),
  });
  if (result.stopReason === 'interrupted') throw await interruptedError(out, result.epochsCompleted);
  await syncModel();
  return saveOutputs(context, result);
}

/**
 * A run that failed for a reason a resume would meet again (diverged, bad data, a metadata check)
 * leaves no checkpoints, so the next plain run into the same --out is not blocked by them. A run
 * stopped by a signal, or whose worker died, keeps them for --resume.
 */
async function dropFailedCheckpoints(out: string, error: unknown): Promise<void> {
  const code = error instanceof GlyphError ? error.code : undefined;
  if (code === 'INTERRUPTED' || code === 'WORKER_CRASHED') return;
  await removeCheckpoints(out);
}

/** The labels of the `--init` model, which the run's data is mapped onto (undefined: no --init). */
async function initLabels(config: TrainConfig): Promise<TargetLabels | undefined> {
  if (config.init === undefined) return undefined;
  const metadata = await readMetadata(config.init);
  return { labels: metadata.labels, modelName: `--init ${config.init}` };
}

async function interruptedError(out: string, epochsCompleted: number): Promise<GlyphError> {
  const kept = await findLatestCheckpoint(out);
  return new GlyphError(
    'INTERRUPTED',
    `Training stopped after ${epochsCompleted} complete epochs. ` +
      (kept
        ? `The last checkpoint is ${kept}; run the same command with --resume to continue.`
        : 'No epoch had finished, so there is no checkpoint; start the run again.'),
  );
}

/** Scores the trained model, then writes the model folder, history and curves; drops checkpoints. */
async function saveOutputs(context: TrainContext, result: FitResult): Promise<TrainingOutcome> {
  const { config, data, model, out } = context;
  const { evaluation, evaluatedOn } = await finalEvaluation(model, data, context.log);
  const metadata = buildMetadata({
    config,
    settings: context.settings,
    commandLines: commandLines(context),
    data,
    result,
    evaluation,
    evaluatedOn,
    input: config.input!,
    outDirectory: out,
    seconds: result.history.reduce((sum, logs) => sum + logs.seconds, 0),
    backend: context.backend,
    workers: context.workers,
    params: modelSize(model).params,
  });
  assertFiniteMetrics(metadata);
  await saveModelFolder(model, out, metadata, { ...(config.quantize && { quantize: config.quantize }) });
  await writeFileAtomic(join(out, 'history.json'), `${JSON.stringify(result.history, null, 2)}\n`);
  const title = `${metadata.name}: ${config.model} on ${config.dataset}`;
  const curvesPath = await writeCurves(out, result.history, title);
  await removeCheckpoints(out);
  return { metadata, history: result.history, outDirectory: out, curvesPath };
}

/** The command that started the run, then each `--resume` (checkpoints from before this record hold none). */
function commandLines(context: TrainContext): readonly string[] {
  const earlier = context.checkpoint?.state.commandLines ?? [];
  return [...earlier, context.settings.commandLine];
}

function augmenterFor(config: TrainConfig, data: PreparedData): Augmenter | undefined {
  const kind = config.augment === 'auto' ? (data.task === 'image' ? 'photo' : 'style') : config.augment;
  if (kind === 'none') return undefined;
  if (kind === 'photo') return photoAugmenter();
  const ink = data.preprocessing.kind;
  if (kind === 'character' || ink === 'photo') return characterAugmenter();
  const { width, height } = data.train;
  return styleAugmenter({ kind: ink, input: { width, height, channels: 1 } });
}

/** Test accuracy on the test split (or holdout test part); validation or train only when there is none. */
async function finalEvaluation(
  model: tf.LayersModel,
  data: PreparedData,
  log: (line: string) => void,
): Promise<{ evaluation: EvaluationSummary; evaluatedOn: EvaluatedOn }> {
  if (data.test) {
    const evaluatedOn: EvaluatedOn = data.loaded.holdout ? 'holdout-test' : 'test';
    return { evaluation: summarizeOutcomes(await evaluateModel(model, data.test)), evaluatedOn };
  }
  const fallback = data.validation ?? data.train;
  const evaluatedOn: EvaluatedOn = data.validation ? 'validation' : 'train';
  log(
    `${data.loaded.name} has no test split: metrics.accuracy is measured on the ${evaluatedOn} data. ` +
      'Pass --holdout 0.2 to keep a real test partition.',
  );
  return { evaluation: summarizeOutcomes(await evaluateModel(model, fallback)), evaluatedOn };
}

async function copyTrainerWeights(trainer: BatchTrainer, model: tf.LayersModel): Promise<void> {
  const arrays = await trainer.getWeights();
  const current = model.getWeights();
  const tensors = arrays.map((values, index) => tf.tensor(values, current[index].shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}
