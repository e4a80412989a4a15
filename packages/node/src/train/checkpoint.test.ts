import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findLatestCheckpoint,
  readCheckpoint,
  removeStagingLeftovers,
  writeCheckpoint,
  type CheckpointState,
} from './checkpoint';
import { removeTempDirs, tempDir, tinyConfig } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(removeTempDirs);

function state(epochsCompleted: number, withOptimizer: boolean): CheckpointState {
  return {
    formatVersion: 1,
    config: tinyConfig('folder:x'),
    snapshot: {
      epochsCompleted,
      learningRate: 0.01,
      history: [],
      callbackStates: { 'early-stopping': { wait: 1 } },
    },
    optimizer: withOptimizer
      ? {
          iterations: 7,
          slots: [
            { name: 'a/m', shape: [2, 2] },
            { name: 'a/v', shape: [3] },
          ],
        }
      : null,
    datasetSha256: 'f'.repeat(64),
    backend: 'cpu',
  };
}

describe('checkpoints', () => {
  it('round-trips network, optimizer slots and loop state, keeping the newest two', async () => {
    const out = await tempDir();
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    const optimizerState = {
      iterations: 7,
      slots: [
        { name: 'a/m', shape: [2, 2], values: Float32Array.of(1, 2, 3, 4) },
        { name: 'a/v', shape: [3], values: Float32Array.of(5, 6, 7) },
      ],
    };
    for (const epoch of [1, 2, 3]) await writeCheckpoint(out, model, state(epoch, true), optimizerState);
    expect((await readdir(join(out, 'checkpoints'))).sort()).toEqual(['epoch-0002', 'epoch-0003']);
    const latest = await findLatestCheckpoint(out);
    expect(latest).toBe(join(out, 'checkpoints', 'epoch-0003'));
    const checkpoint = await readCheckpoint(latest!);
    expect(checkpoint.state).toEqual(state(3, true));
    expect(checkpoint.optimizerState).toEqual(optimizerState);
    model.dispose();
  });

  it('ignores and cleans up staging folders of a run killed mid-write', async () => {
    const out = await tempDir();
    await mkdir(join(out, 'checkpoints', '.epoch-0004.tmp-1-abcd'), { recursive: true });
    expect(await findLatestCheckpoint(out)).toBeUndefined();
    await removeStagingLeftovers(out);
    expect(await readdir(join(out, 'checkpoints'))).toEqual([]);
  });

  it('stores no optimizer file when the trainer could not export its state', async () => {
    const out = await tempDir();
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    const directory = await writeCheckpoint(out, model, state(1, false), null);
    expect((await readdir(directory)).sort()).toEqual(['group1-shard1of1.bin', 'model.json', 'state.json']);
    expect((await readCheckpoint(directory)).optimizerState).toBeNull();
    model.dispose();
  });
});
