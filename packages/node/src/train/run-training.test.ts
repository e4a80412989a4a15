import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluation } from '@glyph/core/evaluate';
import { describePartition } from '@glyph/core/metrics';
import { parseDatasetSpec } from '@glyph/node/datasets';
import { loadModelFolder } from '@glyph/node/model-io';
import { prepareEvaluationData } from './prepare-evaluation-data';
import { runTraining, type RunTrainingOptions } from './run-training';
import { removeTempDirs, tempDir, tinyConfig, writeBarsFolder, writeTinyMnist } from '../testing';
import type { TrainConfig } from './train-config';

let dataset: string;
beforeAll(async () => {
  const root = await tempDir();
  await writeBarsFolder(join(root, 'bars'));
  dataset = `folder:${join(root, 'bars')}`;
});
afterAll(removeTempDirs);

function options(
  config: TrainConfig,
  outDirectory: string,
  extra: Partial<RunTrainingOptions> = {},
): RunTrainingOptions {
  const lines: string[] = [];
  return {
    config,
    settings: { backend: 'cpu', workers: 1, commandLine: 'glyph train (test)' },
    outDirectory,
    progress: { write: (text) => void lines.push(text), isTTY: false },
    log: () => {},
    ...extra,
  };
}

const weightsOf = (directory: string) => readFile(join(directory, 'group1-shard1of1.bin'));

describe('runTraining', () => {
  it('trains, scores the holdout test part, and writes a complete model folder', async () => {
    const out = join(await tempDir(), 'bars-model');
    const lines: string[] = [];
    const outcome = await runTraining({
      ...options(tinyConfig(dataset), out),
      progress: { write: (text) => void lines.push(text), isTTY: false },
    });
    expect(lines.join('')).toMatch(
      /^epoch 1\/2 - \d+s - loss: [\d.]+ - acc: [\d.]+ - val_loss: [\d.]+ - val_acc: [\d.]+ - lr: /m,
    );
    expect((await readdir(out)).sort()).toEqual([
      'curves.png',
      'curves.svg',
      'group1-shard1of1.bin',
      'history.json',
      'metadata.json',
      'model.json',
    ]);
    const { model, metadata } = await loadModelFolder(out);
    // glyph eval scores the same held-out part with the same evaluation: metadata and report agree.
    const { data } = await prepareEvaluationData(
      { dataset: parseDatasetSpec(dataset), dedupe: false },
      metadata,
    );
    const report = await runEvaluation({
      model,
      modelInfo: { id: metadata.id, name: metadata.name, labels: metadata.labels, input: metadata.input },
      data,
      dataset: { spec: dataset, partition: describePartition({ dataset, split: 'test' }) },
    });
    model.dispose();
    expect(report.n).toBe(metadata.metrics.count);
    expect(report.accuracy).toBe(metadata.metrics.accuracy);
    expect(metadata).toEqual(outcome.metadata);
    expect(outcome.curvesPath).toBe(join(out, 'curves.png'));
    expect(metadata).toMatchObject({
      id: 'bars-model',
      task: 'image',
      labels: ['h', 'v'],
      input: { width: 10, height: 10, channels: 1 },
      preprocessing: { kind: 'photo' },
      dataset: { holdout: { fraction: 0.25, method: 'content-hash' } },
      metrics: { evaluatedOn: 'holdout-test' },
      training: {
        epochs: 2,
        backend: 'cpu',
        model: 'seed-alphabet',
        learningRate: 0.01,
        commandLine: 'glyph train (test)',
      },
    });
    // Validation is carved from the training part; the test part is never trained or validated on.
    const counts = metadata.dataset as unknown as {
      trainCount: number;
      validationCount: number;
      testCount: number;
    };
    expect(counts.trainCount + counts.validationCount + counts.testCount).toBe(48);
    expect(counts.validationCount).toBeGreaterThan(0);
    expect(metadata.metrics.count).toBe(counts.testCount);
    expect(JSON.parse(await readFile(join(out, 'history.json'), 'utf8'))).toHaveLength(2);
  });

  it('resumes a stopped run from its last checkpoint to the same weights as an uninterrupted run', async () => {
    const root = await tempDir();
    const config = tinyConfig(dataset, { epochs: 3 });
    await runTraining(options(config, join(root, 'straight')));

    const out = join(root, 'stopped');
    const stopAfterFirstCheckpoint = () => existsSync(join(out, 'checkpoints', 'epoch-0001'));
    await expect(
      runTraining(options(config, out, { shouldStop: stopAfterFirstCheckpoint })),
    ).rejects.toMatchObject({
      code: 'INTERRUPTED',
      message: expect.stringContaining('--resume'),
    });
    expect(await readdir(join(out, 'checkpoints'))).toEqual(['epoch-0001']);
    const logs: string[] = [];
    const outcome = await runTraining(
      options(tinyConfig('ignored on resume', { epochs: 3 }), out, {
        resume: true,
        log: (line) => void logs.push(line),
        settings: { backend: 'cpu', workers: 1, commandLine: 'glyph train --resume (test)' },
      }),
    );
    expect(logs.join('\n')).toContain(
      'Resuming after epoch 1 with weights, optimizer moments and loop state',
    );
    expect(outcome.history.map((logs) => logs.epoch)).toEqual([1, 2, 3]);
    expect(outcome.metadata.training.epochs).toBe(3);
    expect(outcome.metadata.training).toMatchObject({
      commandLine: 'glyph train (test)',
      resumedWith: ['glyph train --resume (test)'],
    });
    expect(existsSync(join(out, 'checkpoints'))).toBe(false);
    expect((await weightsOf(out)).equals(await weightsOf(join(root, 'straight')))).toBe(true);
  });

  it('fine-tunes from an --init model folder, and refuses one whose input or labels differ', async () => {
    const root = await tempDir();
    const start = join(root, 'start');
    await runTraining(options(tinyConfig(dataset, { epochs: 1 }), start));
    // With a vanishing learning rate the fine-tuned network keeps the starting weights.
    const outcome = await runTraining(
      options(
        tinyConfig(dataset, { epochs: 1, learningRate: 1e-12, schedule: 'none', init: start, seed: 9 }),
        join(root, 'tuned'),
      ),
    );
    expect(outcome.metadata.training).toMatchObject({ init: start });
    const before = new Float32Array((await weightsOf(start)).buffer.slice(0));
    const after = new Float32Array((await weightsOf(join(root, 'tuned'))).buffer.slice(0));
    expect(after.length).toBe(before.length);
    expect(Math.max(...after.map((value, i) => Math.abs(value - before[i])))).toBeLessThan(1e-6);

    const wider = join(root, 'wider');
    await expect(
      runTraining(options(tinyConfig(dataset, { input: [12, 12, 1], init: start }), wider)),
    ).rejects.toMatchObject({
      code: 'SHAPE_MISMATCH',
      message: expect.stringContaining('its input is 10×10×1'),
    });
    expect(existsSync(join(wider, 'model.json'))).toBe(false);
  });

  it('refuses to resume with different settings, or without a checkpoint', async () => {
    const root = await tempDir();
    const out = join(root, 'run');
    await expect(runTraining(options(tinyConfig(dataset), out, { resume: true }))).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringContaining('No checkpoint to resume'),
    });
    const config = tinyConfig(dataset, { epochs: 2 });
    const stopAtOnce = () => existsSync(join(out, 'checkpoints', 'epoch-0001'));
    await expect(runTraining(options(config, out, { shouldStop: stopAtOnce }))).rejects.toMatchObject({
      code: 'INTERRUPTED',
    });
    await expect(
      runTraining(
        options({ ...config, learningRate: 0.5 }, out, { resume: true, explicit: new Set(['learningRate']) }),
      ),
    ).rejects.toMatchObject({ code: 'BAD_USAGE', message: expect.stringContaining('learningRate') });
    await expect(runTraining(options(config, out))).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringContaining('unfinished run'),
    });
  });

  it('fails with SHAPE_MISMATCH before training when IDX images do not fit the model input', async () => {
    const dataDir = await tempDir();
    await writeTinyMnist(dataDir);
    const out = join(await tempDir(), 'never');
    const config = tinyConfig('mnist', { input: undefined, preprocess: undefined, holdout: undefined });
    await expect(
      runTraining({
        ...options(config, out),
        settings: { backend: 'cpu', workers: 1, commandLine: '', dataDir },
      }),
    ).rejects.toMatchObject({
      code: 'SHAPE_MISMATCH',
      message: expect.stringContaining('28×28×1 but the model input is 32×32×3'),
    });
    expect(existsSync(out)).toBe(false);
  });
});

describe('runTraining with worker threads', () => {
  it('trains data-parallel with two workers and records it', async () => {
    const out = join(await tempDir(), 'parallel');
    const outcome = await runTraining({
      ...options(tinyConfig(dataset, { epochs: 1 }), out),
      settings: { backend: 'cpu', workers: 2, commandLine: 'glyph train (test)' },
    });
    expect(outcome.metadata.training).toMatchObject({ workers: 2, epochs: 1 });
    expect(outcome.history[0].samples).toBe(outcome.metadata.dataset.trainCount);
  });
});
