import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTraining, type RunTrainingOptions } from './run-training';
import { removeTempDirs, tempDir, tinyConfig, writeBarsFolder } from '../testing';
import type { TrainConfig } from './train-config';

afterAll(removeTempDirs);

function options(config: TrainConfig, outDirectory: string): RunTrainingOptions {
  return {
    config,
    settings: { backend: 'cpu', workers: 1, commandLine: 'glyph train (test)' },
    outDirectory,
    progress: { write: () => {}, isTTY: false },
    log: () => {},
  };
}

describe('a failed run', () => {
  it('stops when training diverges, writes no model and leaves nothing that blocks a rerun', async () => {
    const root = await tempDir();
    await writeBarsFolder(join(root, 'bars'));
    const dataset = `folder:${join(root, 'bars')}`;
    const out = join(root, 'run');
    // A learning rate no network survives: the loss overflows in the first epoch.
    const diverging = tinyConfig(dataset, { learningRate: 1e30, optimizer: 'sgd', epochs: 3 });
    await expect(runTraining(options(diverging, out))).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/Training diverged: after epoch 1 .*(NaN|Infinity)/),
    });
    expect(existsSync(join(out, 'metadata.json'))).toBe(false);
    expect(existsSync(join(out, 'checkpoints'))).toBe(false);
    // The same --out again, without --force or --resume.
    const outcome = await runTraining(options(tinyConfig(dataset), out));
    expect(Number.isFinite(outcome.metadata.metrics.accuracy)).toBe(true);
  });
});
