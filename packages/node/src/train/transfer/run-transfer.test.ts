import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeEngine } from '../../engine';
import { FileIoHandler } from '../../model-io/file-io-handler';
import { loadRecognizerFromFolder } from '../../recognize';
import { runTraining, type RunTrainingOptions } from '../run-training';
import { removeTempDirs, tempDir, tinyConfig, writeBarsFolder } from '../../testing';
import type { TrainConfig } from '../train-config';

let dataset: string;
let backbone: string;

/**
 * A small stand-in for MobileNetV2's shape: conv → batch norm → ReLU6 (the frozen part), then a 1×1
 * conv, batch norm, ReLU6 and global pooling (the top that fine-tuning trains), saved with backbone
 * metadata naming its feature layer and where fine-tuning starts.
 */
async function writeBackbone(folder: string): Promise<void> {
  const input = tf.input({ shape: [16, 16, 3] });
  let x = tf.layers
    .conv2d({
      filters: 12,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
      name: 'stem',
    })
    .apply(input);
  x = tf.layers.batchNormalization({ name: 'stem_bn' }).apply(x);
  x = tf.layers.reLU({ maxValue: 6, name: 'stem_relu' }).apply(x);
  x = tf.layers
    .conv2d({
      filters: 16,
      kernelSize: 1,
      kernelInitializer: tf.initializers.heNormal({ seed: 2 }),
      name: 'top',
    })
    .apply(x);
  x = tf.layers.batchNormalization({ name: 'top_bn' }).apply(x);
  x = tf.layers.reLU({ maxValue: 6, name: 'top_relu' }).apply(x);
  const features = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: features });
  await model.save(new FileIoHandler(folder));
  model.dispose();
  await writeFile(
    join(folder, 'metadata.json'),
    JSON.stringify({
      id: 'tiny-backbone',
      name: 'Tiny test backbone',
      task: 'backbone',
      input: { width: 16, height: 16, channels: 3 },
      preprocessing: { kind: 'photo' },
      features: 'features',
      featureSize: 16,
      fineTuneFrom: 'stem_relu',
      source: 'generated in the test',
      licence: 'none',
      sha256: 'a'.repeat(64),
      createdAt: new Date().toISOString(),
      version: '1',
    }),
  );
}

beforeAll(async () => {
  await initNodeEngine();
  const root = await tempDir();
  await writeBarsFolder(join(root, 'bars'), 30);
  dataset = `folder:${join(root, 'bars')}`;
  backbone = join(root, 'backbone');
  await writeBackbone(backbone);
}, 60_000);
afterAll(removeTempDirs);

function options(config: Partial<TrainConfig>, outDirectory: string, log: string[]): RunTrainingOptions {
  return {
    config: tinyConfig(dataset, {
      model: 'transfer',
      backbone,
      valSplit: 0,
      holdout: 0.25,
      learningRate: 0.01,
      batchSize: 16,
      ...config,
    }),
    explicit: new Set(['epochs']),
    settings: { backend: 'wasm', workers: 1, commandLine: 'glyph train (test)' },
    outDirectory,
    progress: { write: () => {}, isTTY: false },
    log: (line) => void log.push(line),
  };
}

describe('transfer learning', () => {
  it('trains a head and the backbone top on cached views, cross-validates, and saves one model that predicts', async () => {
    const before = tf.memory().numTensors;
    const out = join(await tempDir(), 'bars-transfer');
    const log: string[] = [];
    const outcome = await runTraining(
      options({ epochs: 80, fineTuneEpochs: 5, views: 3, folds: 3 }, out, log),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(log.join('\n')).toMatch(/Cached 3 view\(s\) of \d+ training images/);
    expect(log.filter((line) => /^fold \d\/3: /.test(line))).toHaveLength(3);
    expect(log.some((line) => line.startsWith('fine-tune epoch 81'))).toBe(true);
    const { metadata } = outcome;
    expect(metadata.training).toMatchObject({ model: 'transfer', backbone, epochs: 85 });
    expect(metadata).toMatchObject({
      task: 'image',
      input: { width: 16, height: 16, channels: 3 },
      metrics: { evaluatedOn: 'holdout-test', crossValidation: { folds: expect.any(Array) } },
      transfer: {
        backbone: { id: 'tiny-backbone', sha256: 'a'.repeat(64) },
        fineTuneEpochs: 5,
        fineTuneFrom: 'stem_relu',
        views: 3,
      },
    });
    // Horizontal and vertical bars through a small random backbone: well above chance (0.5) on the held-out quarter.
    expect(metadata.metrics.accuracy).toBeGreaterThanOrEqual(0.8);
    // The k folds' report: every training image scored by the fold model that never saw it.
    const report = JSON.parse(await readFile(join(out, 'report', 'report.json'), 'utf8'));
    expect(report.n).toBe(metadata.dataset.trainCount);
    expect(report.dataset.name).toMatch(/3-fold cross-validation, out of fold/);
    const { folds } = metadata.metrics.crossValidation as {
      folds: { accuracy: number; testCount: number }[];
    };
    const right = folds.reduce((sum, f) => sum + f.accuracy * f.testCount, 0);
    expect(report.accuracy).toBeCloseTo(right / report.n, 6);
    for (const file of ['report.html', 'confusion.png', 'top-losses.png'])
      expect((await readFile(join(out, 'report', file))).length).toBeGreaterThan(100);
    const recognizer = await loadRecognizerFromFolder(out);
    const side = 40;
    const bar = (horizontal: boolean) => {
      const data = new Uint8Array(side * side).fill(255);
      for (let k = 4; k < side - 4; k++)
        for (let w = 18; w < 22; w++) data[horizontal ? w * side + k : k * side + w] = 30;
      return { data, width: side, height: side, channels: 1 as const };
    };
    const answers = await recognizer.recognizeBatch([bar(true), bar(false)], { top: 1 });
    expect(answers.map((answer) => answer.predictions[0].label)).toEqual(['h', 'v']);
    recognizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('refuses --resume and names a backbone that does not exist', async () => {
    const out = join(await tempDir(), 'missing-backbone');
    await expect(
      runTraining(options({ epochs: 1, backbone: join(out, 'nope') }, out, [])),
    ).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(
      runTraining({ ...options({ epochs: 1 }, join(out, 'b'), []), resume: true }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/BAD_USAGE|MODEL_NOT_FOUND/) });
  });
});
