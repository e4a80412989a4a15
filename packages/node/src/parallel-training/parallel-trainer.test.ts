import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@glyph/core/data';
import { LocalTrainer } from '@glyph/core/train';
import { buildModel } from '@glyph/core/zoo';
import { initNodeEngine } from '../engine/init-node-engine';
import { shardSizes } from './average-shards';
import { ParallelTrainer } from './parallel-trainer';

/** conv3×3 → pool → dense: no batch norm or dropout, so sharding changes nothing but rounding. */
function plainNet(): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      inputShape: [8, 8, 1],
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(
    tf.layers.dense({
      units: 3,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  return model;
}

function batch(count: number, seed: number): { x: Float32Array; labels: Int32Array } {
  const random = mulberry32(seed);
  return {
    x: Float32Array.from({ length: count * 64 }, random),
    labels: Int32Array.from({ length: count }, (_, i) => i % 3),
  };
}

function maxDifference(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  return Math.max(...a.map((values, w) => Math.max(...values.map((v, i) => Math.abs(v - b[w][i])))));
}

const optimizer = { kind: 'adam', learningRate: 0.01 } as const;

beforeAll(async () => {
  await initNodeEngine();
});

describe('ParallelTrainer', () => {
  const models: tf.LayersModel[] = [];
  afterAll(() => models.forEach((model) => model.dispose()));

  it('trains like one thread, within float rounding, with uneven shards', async () => {
    const single = plainNet();
    const parallel = plainNet();
    models.push(single, parallel);
    const local = new LocalTrainer(single, { optimizer, seed: 3 });
    const trainer = await ParallelTrainer.create(parallel, { optimizer, seed: 3, workers: 2 });
    try {
      for (let step = 0; step < 4; step++) {
        const { x, labels } = batch(9, step); // shards of 4 and 5 samples
        const expected = await local.trainBatch(x, labels, 9);
        const actual = await trainer.trainBatch(x, labels, 9);
        expect(actual.loss).toBeCloseTo(expected.loss, 5);
        expect(actual.accuracy).toBeCloseTo(expected.accuracy, 6);
      }
      expect(maxDifference(await trainer.getWeights(), await local.getWeights())).toBeLessThan(1e-5);
      expect((await trainer.getOptimizerState()).iterations).toBe(4);
    } finally {
      await trainer.dispose();
      await local.dispose();
    }
  });

  it('trains glyphnet (batch norm, dropout) and a batch smaller than the replicas', async () => {
    const model = buildModel('glyphnet', { inputShape: [8, 8, 1], numClasses: 3, seed: 4 });
    models.push(model);
    const movingMean = (): Float32Array => model.nonTrainableWeights[0].read().dataSync() as Float32Array;
    const before = movingMean().slice();
    const trainer = await ParallelTrainer.create(model, { optimizer, seed: 5, workers: 2 });
    try {
      const { x, labels } = batch(6, 9);
      const first = await trainer.trainBatch(x, labels, 6);
      const tiny = await trainer.trainBatch(x, labels, 1); // the worker gets no sample
      expect(Number.isFinite(first.loss) && Number.isFinite(tiny.loss)).toBe(true);
      expect(movingMean()).not.toEqual(before);
    } finally {
      await trainer.dispose();
    }
  });

  it('fails the step with WORKER_CRASHED when a worker dies, and every later step too', async () => {
    const model = plainNet();
    models.push(model);
    const trainer = await ParallelTrainer.create(model, { optimizer, seed: 1, workers: 2 });
    try {
      const { x, labels } = batch(4, 1);
      await trainer.trainBatch(x, labels, 4);
      trainer.crashWorkerForTest(1);
      await expect(trainer.trainBatch(x, labels, 4)).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
      await expect(trainer.trainBatch(x, labels, 4)).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    } finally {
      await trainer.dispose();
    }
  });

  it('rejects a worker count that is not a positive whole number', async () => {
    const model = plainNet();
    models.push(model);
    await expect(ParallelTrainer.create(model, { optimizer, seed: 1, workers: 0 })).rejects.toMatchObject({
      code: 'BAD_USAGE',
    });
  });
});

describe('shardSizes', () => {
  it('splits a batch into near-equal contiguous shards', () => {
    expect(shardSizes(9, 2)).toEqual([4, 5]);
    expect(shardSizes(128, 3)).toEqual([42, 43, 43]);
    expect(shardSizes(1, 2)).toEqual([0, 1]);
  });
});
