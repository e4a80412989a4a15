import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import type { FitSnapshot, OptimizerState } from '@glyph/core/train';
import { FileIoHandler, stagingPath, writeFileAtomic } from '@glyph/node/model-io';
import type { TrainConfig } from './train-config';

export const checkpointsFolder = 'checkpoints';
const statePath = 'state.json';
const optimizerPath = 'optimizer.bin';
const checkpointPattern = /^epoch-(\d{4,})$/;
/** Older checkpoints are pruned; two survive so a damaged newest one still leaves a fallback. */
const checkpointsKept = 2;

/** What a checkpoint restores besides the network: the loop, the optimizer and the run's config. */
export interface CheckpointState {
  readonly formatVersion: 1;
  readonly config: TrainConfig;
  readonly snapshot: FitSnapshot;
  /** Null when the trainer could not export its optimizer (moments then restart at zero). */
  readonly optimizer: { iterations: number; slots: { name: string; shape: number[] }[] } | null;
  readonly datasetSha256: string;
  readonly backend: string;
  /** Every command line of the run so far: the one that started it, then each `--resume`. */
  readonly commandLines?: readonly string[];
}

export interface Checkpoint {
  readonly directory: string;
  readonly state: CheckpointState;
  readonly optimizerState: OptimizerState | null;
}

/**
 * Writes `checkpoints/epoch-NNNN/` (network, optimizer moments, loop state) into a staging folder
 * and renames it into place, so a run killed at any instant leaves only complete checkpoints.
 */
export async function writeCheckpoint(
  outDirectory: string,
  model: tf.LayersModel,
  state: CheckpointState,
  optimizerState: OptimizerState | null,
): Promise<string> {
  const root = join(outDirectory, checkpointsFolder);
  await mkdir(root, { recursive: true });
  const name = `epoch-${String(state.snapshot.epochsCompleted).padStart(4, '0')}`;
  const final = join(root, name);
  const staging = stagingPath(final);
  try {
    await model.save(new FileIoHandler(staging));
    if (optimizerState) {
      const bytes = concatFloat32(optimizerState.slots.map((slot) => slot.values));
      await writeFileAtomic(join(staging, optimizerPath), bytes);
    }
    await writeFileAtomic(join(staging, statePath), JSON.stringify(state));
    await rm(final, { recursive: true, force: true });
    await rename(staging, final);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await pruneCheckpoints(root);
  return final;
}

/** The newest complete checkpoint under `outDirectory`, or undefined when there is none. */
export async function findLatestCheckpoint(outDirectory: string): Promise<string | undefined> {
  const names = await listCheckpoints(join(outDirectory, checkpointsFolder));
  const latest = names.at(-1);
  return latest === undefined ? undefined : join(outDirectory, checkpointsFolder, latest);
}

export async function readCheckpoint(directory: string): Promise<Checkpoint> {
  let state: CheckpointState;
  try {
    state = JSON.parse(await readFile(join(directory, statePath), 'utf8')) as CheckpointState;
  } catch (error) {
    throw new GlyphError(
      'MODEL_INVALID',
      `Checkpoint ${directory} is unreadable (${(error as Error).message}).`,
      {
        cause: error,
      },
    );
  }
  if (state.formatVersion !== 1) {
    throw new GlyphError(
      'MODEL_INVALID',
      `Checkpoint ${directory} has unknown format ${String(state.formatVersion)}.`,
    );
  }
  let optimizerState: OptimizerState | null = null;
  if (state.optimizer) {
    const bytes = await readFile(join(directory, optimizerPath));
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    let offset = 0;
    const slots = state.optimizer.slots.map((slot) => {
      const size = slot.shape.reduce((product, dim) => product * dim, 1);
      const values = all.slice(offset, offset + size);
      offset += size;
      return { ...slot, values };
    });
    if (offset !== all.length) {
      throw new GlyphError(
        'MODEL_INVALID',
        `Checkpoint ${directory}: optimizer.bin does not match state.json.`,
      );
    }
    optimizerState = { iterations: state.optimizer.iterations, slots };
  }
  return { directory, state, optimizerState };
}

export async function loadCheckpointModel(directory: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(new FileIoHandler(directory));
}

/** Removes staging leftovers of a killed run and every checkpoint (after a finished run). */
export async function removeCheckpoints(outDirectory: string): Promise<void> {
  await rm(join(outDirectory, checkpointsFolder), { recursive: true, force: true });
}

export async function removeStagingLeftovers(outDirectory: string): Promise<void> {
  const root = join(outDirectory, checkpointsFolder);
  const entries = await readdir(root).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => name.startsWith('.'))
      .map((name) => rm(join(root, name), { recursive: true, force: true })),
  );
}

async function listCheckpoints(root: string): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const epochOf = (name: string) => Number(checkpointPattern.exec(name)?.[1]);
  return entries.filter((name) => checkpointPattern.test(name)).sort((a, b) => epochOf(a) - epochOf(b));
}

async function pruneCheckpoints(root: string): Promise<void> {
  const names = await listCheckpoints(root);
  const old = names.slice(0, Math.max(0, names.length - checkpointsKept));
  await Promise.all(old.map((name) => rm(join(root, name), { recursive: true, force: true })));
}

function concatFloat32(arrays: readonly Float32Array[]): Uint8Array {
  const total = arrays.reduce((sum, array) => sum + array.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return new Uint8Array(out.buffer);
}
