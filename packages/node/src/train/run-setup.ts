import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import { isCheckpointableTrainer, type BatchTrainer } from '@glyph/core/train';
import { buildModel, listArchitectures } from '@glyph/core/zoo';
import { loadModelFolder } from '@glyph/node/model-io';
import {
  findLatestCheckpoint,
  loadCheckpointModel,
  readCheckpoint,
  removeCheckpoints,
  removeStagingLeftovers,
  type Checkpoint,
} from './checkpoint';
import type { PreparedData } from './prepare-data';
import type { TrainConfig } from './train-config';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The newest checkpoint of the run in `out`, failing clearly when there is nothing to resume. */
export async function openCheckpoint(out: string): Promise<Checkpoint> {
  await removeStagingLeftovers(out);
  const latest = await findLatestCheckpoint(out);
  if (!latest) {
    const finished = await exists(join(out, 'metadata.json'));
    throw new GlyphError(
      'BAD_USAGE',
      finished
        ? `The run in ${out} already finished (its model is there); there is nothing to resume.`
        : `No checkpoint to resume in ${out}: a run writes checkpoints/epoch-NNNN/ after each epoch. Drop --resume to start a new run.`,
    );
  }
  return readCheckpoint(latest);
}

/** A fresh run must not silently mix with an earlier run's model or checkpoints. */
export async function claimOutput(out: string, force: boolean): Promise<undefined> {
  const unfinished = await findLatestCheckpoint(out);
  const finished = await exists(join(out, 'model.json'));
  if ((unfinished || finished) && !force) {
    throw new GlyphError(
      'BAD_USAGE',
      unfinished
        ? `${out} holds checkpoints of an unfinished run. Add --resume to continue it, or --force to start over.`
        : `${out} already holds a trained model. Choose another --out, or add --force to replace it.`,
    );
  }
  if (force) await removeCheckpoints(out);
  return undefined;
}

/** Pins the model input (the architecture's designed input unless given), so checkpoints record it. */
export function withResolvedInput(config: TrainConfig): TrainConfig {
  if (config.input) return config;
  const info = listArchitectures().find((entry) => entry.name === config.model);
  if (!info) throw new GlyphError('BAD_USAGE', `Unknown architecture "${config.model}".`);
  return { ...config, input: info.defaultInputShape };
}

export function createModel(config: TrainConfig, data: PreparedData): tf.LayersModel {
  if (config.model === 'transfer')
    throw new GlyphError('BAD_USAGE', 'Transfer models are built by runTransfer.');
  return buildModel(config.model, {
    inputShape: config.input!,
    numClasses: data.train.classNames.length,
    seed: config.seed,
  });
}

/**
 * The network a run starts from: the `--init` model folder's (checked against the run's input and
 * the data's classes, before any training) or a fresh one.
 */
export async function startingModel(config: TrainConfig, data: PreparedData): Promise<tf.LayersModel> {
  if (config.init === undefined) return createModel(config, data);
  const { model, metadata } = await loadModelFolder(config.init);
  const shape = model.inputs[0].shape.slice(1);
  const problems: string[] = [];
  if (JSON.stringify(shape) !== JSON.stringify(config.input)) {
    problems.push(`its input is ${shape.join('×')}, the run's ${config.input!.join('×')}`);
  }
  const classes = data.train.classNames;
  if (JSON.stringify(metadata.labels) !== JSON.stringify(classes)) {
    problems.push(
      `its labels are [${metadata.labels.join(', ')}], the data's classes [${classes.join(', ')}]`,
    );
  }
  if (problems.length > 0) {
    model.dispose();
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `--init ${config.init} does not fit this run: ${problems.join('; ')}. Fine-tuning keeps the network's input and output layers, so use a model trained on the same classes, or drop --init.`,
    );
  }
  return model;
}

export async function restoreModel(checkpoint: Checkpoint, data: PreparedData): Promise<tf.LayersModel> {
  const model = await loadCheckpointModel(checkpoint.directory);
  const units = model.outputs[0].shape.at(-1);
  if (units !== data.train.classNames.length) {
    model.dispose();
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `The checkpoint's network has ${String(units)} output units but the data has ${data.train.classNames.length} classes.`,
    );
  }
  return model;
}

export async function restoreTrainer(
  trainer: BatchTrainer,
  checkpoint: Checkpoint,
  log: (line: string) => void,
): Promise<void> {
  const epochs = checkpoint.state.snapshot.epochsCompleted;
  if (checkpoint.optimizerState && isCheckpointableTrainer(trainer)) {
    await trainer.setOptimizerState(checkpoint.optimizerState);
    log(
      `Resuming after epoch ${epochs} with weights, optimizer moments and loop state from ${checkpoint.directory}.`,
    );
  } else {
    log(`Resuming after epoch ${epochs} from ${checkpoint.directory}; optimizer moments restart from zero.`);
  }
}
