import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateModel } from '../evaluate/evaluate-model';
import { summarizeOutcomes } from '../evaluate/summarize-outcomes';
import { fit } from './fit';
import { applyGradients, computeGradients } from './gradients';
import { LocalTrainer } from './local-trainer';
import { createOptimizer } from './optimizer';
import { tinyModel, toyImages, toySide } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const adam = { kind: 'adam', learningRate: 0.05 } as const;

async function weightsOf(model: tf.LayersModel): Promise<number[]> {
  const arrays = await Promise.all(model.getWeights().map((weight) => weight.data()));
  return arrays.flatMap((values) => Array.from(values));
}

function batchOf(count: number): { x: Float32Array; labels: Int32Array } {
  const set = toyImages(count);
  return { x: Float32Array.from(set.images, (value) => value / 255), labels: set.labels };
}

describe('LocalTrainer on the cpu backend', () => {
  it('reduces the loss on a tiny problem', async () => {
    const model = tinyModel(1);
    const trainer = new LocalTrainer(model, { optimizer: adam, seed: 1 });
    const set = toyImages(32);
    const before = summarizeOutcomes(await evaluateModel(model, set));
    const result = await fit(trainer, set, { epochs: 6, batchSize: 8, seed: 1, learningRate: 0.05 });
    const after = summarizeOutcomes(await evaluateModel(model, set));
    expect(result.history[5].loss).toBeLessThan(result.history[0].loss);
    expect(after.loss).toBeLessThan(before.loss);
    expect(after.accuracy).toBeGreaterThan(0.9);
    await trainer.dispose();
    model.dispose();
  });

  it('is reproducible with a seed (dropout included) and differs with another seed', async () => {
    const run = async (seed: number) => {
      const model = tinyModel(3);
      const trainer = new LocalTrainer(model, { optimizer: adam, seed });
      await fit(trainer, toyImages(16), { epochs: 2, batchSize: 4, seed, learningRate: 0.05 });
      const weights = await weightsOf(model);
      await trainer.dispose();
      model.dispose();
      return weights;
    };
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    expect(await run(12)).not.toEqual(first);
  });

  it('does not grow the tensor count across steps or evaluations', async () => {
    const model = tinyModel(2);
    const trainer = new LocalTrainer(model, { optimizer: adam, seed: 1 });
    const { x, labels } = batchOf(8);
    await trainer.trainBatch(x, labels, 8); // creates the Adam moments once
    const count = tf.memory().numTensors;
    for (let step = 0; step < 3; step++) await trainer.trainBatch(x, labels, 8);
    await evaluateModel(model, toyImages(10), { batchSize: 4 });
    await trainer.getOptimizerState();
    await trainer.setWeights(await trainer.getWeights());
    expect(tf.memory().numTensors).toBe(count);
    await trainer.dispose();
    model.dispose();
  });

  it('computes gradients that average across sub-batches (what workers rely on)', async () => {
    const model = tinyModel(4, { batchNorm: false });
    model.layers.forEach((layer) => {
      if (layer.getClassName() === 'Dropout') (layer as unknown as { rate: number }).rate = 0;
    });
    const { x, labels } = batchOf(8);
    const pixels = toySide * toySide;
    const gradientsOf = (from: number, to: number) =>
      tf.tidy(() => {
        const xs = tf.tensor4d(x.subarray(from * pixels, to * pixels), [to - from, toySide, toySide, 1]);
        const result = computeGradients(model, xs, tf.tensor1d(labels.subarray(from, to), 'int32'));
        return result.gradients;
      });
    const whole = gradientsOf(0, 8);
    const halves = [gradientsOf(0, 4), gradientsOf(4, 8)];
    whole.forEach((gradient, index) => {
      const averaged = tf.tidy(() => tf.div(tf.add(halves[0][index], halves[1][index]), 2));
      expect(tf.max(tf.abs(tf.sub(averaged, gradient))).dataSync()[0]).toBeLessThan(1e-5);
      averaged.dispose();
    });
    const before = await weightsOf(model);
    const optimizer = createOptimizer({ kind: 'sgd', learningRate: 0.1 });
    applyGradients(optimizer, model, whole);
    const after = await weightsOf(model);
    expect(after).not.toEqual(before);
    tf.dispose([...whole, ...halves.flat()]);
    optimizer.dispose();
    model.dispose();
  });

  it('continues the exact trajectory after restoring weights and optimizer state', async () => {
    const set = toyImages(16);
    const options = { batchSize: 4, seed: 5, learningRate: 0.05 };
    const straight = tinyModel(6);
    const straightTrainer = new LocalTrainer(straight, { optimizer: adam, seed: 5 });
    await fit(straightTrainer, set, { ...options, epochs: 3 });

    const first = tinyModel(6);
    const firstTrainer = new LocalTrainer(first, { optimizer: adam, seed: 5 });
    const part = await fit(firstTrainer, set, { ...options, epochs: 1 });
    const weights = await firstTrainer.getWeights();
    const optimizerState = await firstTrainer.getOptimizerState();

    const resumed = tinyModel(99); // different initial weights: everything must come from the checkpoint
    const resumedTrainer = new LocalTrainer(resumed, { optimizer: adam, seed: 5 });
    await resumedTrainer.setWeights(weights);
    await resumedTrainer.setOptimizerState(optimizerState);
    await fit(resumedTrainer, set, {
      ...options,
      epochs: 3,
      resumeFrom: { epochsCompleted: 1, learningRate: 0.05, history: part.history, callbackStates: {} },
    });
    expect(await weightsOf(resumed)).toEqual(await weightsOf(straight));
    for (const trainer of [straightTrainer, firstTrainer, resumedTrainer]) await trainer.dispose();
    for (const model of [straight, first, resumed]) model.dispose();
  });
});
