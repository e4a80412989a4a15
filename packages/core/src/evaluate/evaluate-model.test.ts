import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabeledImages } from '../data/labeled-images';
import { evaluateModel } from './evaluate-model';
import { summarizeOutcomes } from './summarize-outcomes';
import { planEvaluation, runEvaluation } from './run-evaluation';
import { describePartition } from '../metrics/partition';

/**
 * A 2×2×`channels` → 3-class network whose answer is known: unit k fires on bright pixel k of
 * channel 0, so an image with only pixel k lit is class k (an all-dark image scores all units equal
 * and argMax picks 0).
 */
function pixelClassifier(channels: 1 | 3): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [2, 2, channels] }),
      tf.layers.dense({ units: 3, activation: 'softmax', useBias: false }),
    ],
  });
  const kernel = new Float32Array(4 * channels * 3);
  for (let k = 0; k < 3; k++) kernel[k * channels * 3 + k] = 20;
  model.layers[1].setWeights([tf.tensor2d(kernel, [4 * channels, 3])]);
  return model;
}

/** Images where pixel `lit[i]` (channel 0) of image i is 255 and the rest 0. */
function images(
  lit: number[],
  labels: number[],
  channels: 1 | 3,
  classNames = ['a', 'b', 'c'],
): LabeledImages {
  const data = new Uint8Array(lit.length * 4 * channels);
  lit.forEach((pixel, i) => (data[(i * 4 + pixel) * channels] = 255));
  return {
    name: 'toy:test',
    images: data,
    labels: Int32Array.from(labels),
    count: lit.length,
    width: 2,
    height: 2,
    channels,
    classNames,
  };
}

describe('evaluateModel', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('predicts every sample across uneven batches and leaks no tensors', async () => {
    const model = pixelClassifier(1);
    const data = images([0, 1, 2, 1, 3], [0, 1, 2, 0, 2], 1);
    const before = tf.memory().numTensors;
    const outcomes = await evaluateModel(model, data, { batchSize: 2, keepProbabilities: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(outcomes.predictedClasses)).toEqual([0, 1, 2, 1, 0]);
    expect(Array.from(outcomes.trueClasses)).toEqual([0, 1, 2, 0, 2]);
    expect(outcomes.confidences[0]).toBeGreaterThan(0.99);
    expect(outcomes.trueProbabilities[3]).toBeLessThan(0.01);
    expect(outcomes.trueProbabilities[4]).toBeCloseTo(1 / 3, 5);
    expect(outcomes.probabilities).toHaveLength(5 * 3);
    expect(outcomes.probabilities?.[3 * 3 + 1]).toBeCloseTo(outcomes.confidences[3], 6);
    model.dispose();
  });

  it('works with 3-channel input and reports progress per batch', async () => {
    const model = pixelClassifier(3);
    const data = images([2, 0, 1], [2, 0, 1], 3);
    const progress: number[] = [];
    const outcomes = await evaluateModel(model, data, {
      batchSize: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(Array.from(outcomes.predictedClasses)).toEqual([2, 0, 1]);
    expect(progress).toEqual([2, 3]);
    model.dispose();
  });

  it('softmaxes a network that ends in logits, so outcomes are probabilities', async () => {
    const logits = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [2, 2, 1] }),
        tf.layers.dense({ units: 3, useBias: false, kernelInitializer: 'ones' }),
      ],
    });
    const data = images([0, 1], [0, 1], 1);
    const outcomes = await evaluateModel(logits, data, { keepProbabilities: true });
    // Every unit sees the same sum: equal logits are a uniform softmax, not raw values of 1.
    expect(Array.from(outcomes.probabilities ?? [])).toEqual(Array(6).fill(expect.closeTo(1 / 3, 6)));
    expect(outcomes.confidences[0]).toBeCloseTo(1 / 3, 6);
    logits.dispose();
  });
});

describe('summarizeOutcomes', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives the accuracy the report gives and the mean clipped cross-entropy', async () => {
    const model = pixelClassifier(1);
    const data = images([0, 1, 2, 1, 3], [0, 1, 2, 0, 2], 1);
    const outcomes = await evaluateModel(model, data);
    const summary = summarizeOutcomes(outcomes);
    const report = await runEvaluation({
      model,
      modelInfo: {
        id: 'toy',
        name: 'Toy',
        labels: ['a', 'b', 'c'],
        input: { width: 2, height: 2, channels: 1 },
      },
      data,
      dataset: { spec: 'toy:test', partition: describePartition({ dataset: 'toy', split: 'test' }) },
    });
    expect(summary.count).toBe(5);
    expect(summary.accuracy).toBe(3 / 5);
    expect(summary.accuracy).toBe(report.accuracy);
    const expected =
      Array.from(outcomes.trueProbabilities, (p) => -Math.log(Math.min(1 - 1e-7, Math.max(1e-7, p)))).reduce(
        (sum, loss) => sum + loss,
      ) / 5;
    expect(summary.loss).toBeCloseTo(expected, 12);
    model.dispose();
  });

  it('is NaN, not zero, over no samples', () => {
    const empty = {
      trueClasses: new Int32Array(0),
      predictedClasses: new Int32Array(0),
      trueProbabilities: new Float32Array(0),
    };
    expect(summarizeOutcomes(empty)).toEqual({ loss: Number.NaN, accuracy: Number.NaN, count: 0 });
  });

  it('clips a zero probability of the true class instead of giving an infinite loss', () => {
    const summary = summarizeOutcomes({
      trueClasses: Int32Array.from([0]),
      predictedClasses: Int32Array.from([1]),
      trueProbabilities: Float32Array.from([0]),
    });
    expect(summary.loss).toBeCloseTo(-Math.log(1e-7), 9);
    expect(summary.accuracy).toBe(0);
  });
});

describe('runEvaluation', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  const modelInfo = {
    id: 'toy',
    name: 'Toy',
    labels: ['a', 'b', 'c'],
    input: { width: 2, height: 2, channels: 1 },
  };
  const dataset = { spec: 'toy:test', partition: describePartition({ dataset: 'toy', split: 'test' }) };

  it('maps dataset classes by name and builds the report without leaking tensors', async () => {
    const model = pixelClassifier(1);
    // Dataset class 0 is "c", 1 is "a": the true model units are 2, 0, 0.
    const data = images([2, 0, 1], [0, 1, 1], 1, ['c', 'a']);
    const before = tf.memory().numTensors;
    const report = await runEvaluation({ model, modelInfo, data, dataset, batchSize: 2, backend: 'cpu' });
    expect(tf.memory().numTensors).toBe(before);
    expect(report.n).toBe(3);
    expect(report.accuracy).toBeCloseTo(2 / 3, 12);
    expect(report.confusion).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    expect(report.mostConfused).toEqual([{ actual: 'a', predicted: 'b', count: 1 }]);
    expect(report.topLosses[0]).toMatchObject({ index: 2, actual: 'a', predicted: 'b' });
    expect(report.timing.backend).toBe('cpu');
    expect(report.dataset.name).toBe('toy:test');
    model.dispose();
  });

  it('names the file of each top-loss sample when the data says where its images came from', async () => {
    const model = pixelClassifier(1);
    const data = {
      ...images([2, 0, 1], [0, 1, 1], 1, ['c', 'a']),
      sources: ['c/x.png', 'a/y.png', 'a/z.png'],
    };
    const report = await runEvaluation({ model, modelInfo, data, dataset, backend: 'cpu' });
    expect(report.topLosses[0]).toMatchObject({ index: 2, source: 'a/z.png', actual: 'a', predicted: 'b' });
    expect(report.topLosses.map((loss) => loss.source)).toEqual(
      report.topLosses.map((loss) => data.sources[loss.index]),
    );
    const unnamed = await runEvaluation({
      model,
      modelInfo,
      data: images([2, 0, 1], [0, 1, 1], 1, ['c', 'a']),
      dataset,
    });
    expect(unnamed.topLosses[0].source).toBeUndefined();
    model.dispose();
  });

  it('refuses, before any work, labels that do not name every output unit', () => {
    const model = pixelClassifier(1);
    const plan = () =>
      planEvaluation({ model, modelInfo: { ...modelInfo, labels: ['a', 'b'] }, data: images([0], [0], 1) });
    expect(plan).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    expect(plan).toThrow(/2 labels but the network has 3 output units/);
    model.dispose();
  });

  it('refuses metadata that declares another input than the network has', () => {
    const model = pixelClassifier(1);
    const info = { ...modelInfo, input: { width: 28, height: 28, channels: 1 } };
    expect(() => planEvaluation({ model, modelInfo: info, data: images([0], [0], 1) })).toThrow(
      expect.objectContaining({ code: 'MODEL_INVALID' }),
    );
    model.dispose();
  });

  it('refuses images of another size or channel count with SHAPE_MISMATCH', () => {
    const model = pixelClassifier(1);
    const wrongChannels = images([0], [0], 3);
    expect(() => planEvaluation({ model, modelInfo, data: wrongChannels })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringMatching(/3 channel\(s\)/) }),
    );
    const wrongSize = { ...images([0], [0], 1), width: 4, height: 1 };
    expect(() => planEvaluation({ model, modelInfo, data: wrongSize })).toThrow(/4×1 images/);
    model.dispose();
  });

  it('refuses dataset classes the model has no label for, naming them', () => {
    const model = pixelClassifier(1);
    const data = images([0], [0], 1, ['a', 'zebra']);
    expect(() => planEvaluation({ model, modelInfo, data })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringMatching(/"zebra"/) }),
    );
    model.dispose();
  });
});
