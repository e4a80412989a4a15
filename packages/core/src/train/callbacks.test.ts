import { describe, expect, it } from 'vitest';
import { cosineLearningRate, cosineSchedule } from './cosine-schedule';
import { earlyStopping } from './early-stopping';
import { fit } from './fit';
import { reduceLrOnPlateau } from './reduce-lr-on-plateau';
import { ScriptedTrainer, toyImages } from '../testing';

const oneStepPerEpoch = { batchSize: 8, seed: 1, learningRate: 0.1 } as const;

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement', async () => {
    // Per-epoch losses: 5, 4, 4.5, 4.2, 4.1, 3 → best at epoch 2, stops after epoch 4 (patience 2).
    const losses = [5, 4, 4.5, 4.2, 4.1, 3];
    const trainer = new ScriptedTrainer((step) => losses[step]);
    const result = await fit(trainer, toyImages(8), {
      ...oneStepPerEpoch,
      epochs: 6,
      callbacks: [earlyStopping({ monitor: 'loss', patience: 2 })],
    });
    expect(result.stopReason).toBe('early-stopping');
    expect(result.history.map((logs) => logs.loss)).toEqual([5, 4, 4.5, 4.2]);
  });

  it('keeps going while the metric improves, and maximises accuracies', async () => {
    const trainer = new ScriptedTrainer((step) => 5 - step); // accuracy 1/(1+loss) rises
    const result = await fit(trainer, toyImages(8), {
      ...oneStepPerEpoch,
      epochs: 4,
      callbacks: [earlyStopping({ monitor: 'accuracy', patience: 1 })],
    });
    expect(result.stopReason).toBe('completed');
  });

  it('restores the best weights when asked', async () => {
    const losses = [3, 1, 2, 2];
    const trainer = new ScriptedTrainer((step) => losses[step]);
    await fit(trainer, toyImages(8), {
      ...oneStepPerEpoch,
      epochs: 4,
      callbacks: [earlyStopping({ monitor: 'loss', patience: 2, restoreBestWeights: true })],
    });
    // The scripted trainer's weight is the number of steps taken: best epoch 2 → weight 2.
    expect(Array.from((await trainer.getWeights())[0])).toEqual([2]);
  });

  it('carries its counters through getState/setState', () => {
    const callback = earlyStopping({ patience: 3 });
    callback.setState?.({ best: 0.5, bestEpoch: 2, wait: 1 });
    expect(callback.getState?.()).toEqual({ best: 0.5, bestEpoch: 2, wait: 1 });
  });
});

describe('reduce learning rate on plateau', () => {
  it('halves the rate after `patience` flat epochs, never below the minimum', async () => {
    const trainer = new ScriptedTrainer(() => 1); // flat loss
    const result = await fit(trainer, toyImages(8), {
      ...oneStepPerEpoch,
      epochs: 7,
      callbacks: [reduceLrOnPlateau({ monitor: 'loss', patience: 2, factor: 0.5, minLearningRate: 0.03 })],
    });
    // A change made at the end of epoch k applies from epoch k+1.
    expect(result.history.map((logs) => logs.learningRate)).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.03, 0.03]);
    expect(trainer.learningRates).toEqual([0.1, 0.05, 0.03]);
  });

  it('does not reduce while the metric improves', async () => {
    const trainer = new ScriptedTrainer((step) => 10 - step);
    const result = await fit(trainer, toyImages(8), {
      ...oneStepPerEpoch,
      epochs: 5,
      callbacks: [reduceLrOnPlateau({ monitor: 'loss', patience: 1 })],
    });
    expect(new Set(result.history.map((logs) => logs.learningRate))).toEqual(new Set([0.1]));
  });
});

describe('cosine schedule', () => {
  it('warms up linearly, peaks, then decays to the minimum', () => {
    const options = { maxLearningRate: 1, minLearningRate: 0, warmupFraction: 0.2 };
    expect(cosineLearningRate(0, 100, options)).toBe(0);
    expect(cosineLearningRate(10, 100, options)).toBeCloseTo(0.5);
    expect(cosineLearningRate(20, 100, options)).toBeCloseTo(1);
    expect(cosineLearningRate(60, 100, options)).toBeCloseTo(0.5, 1);
    expect(cosineLearningRate(99, 100, options)).toBeCloseTo(0);
  });

  it('sets the trainer rate before every step from the global step', async () => {
    const trainer = new ScriptedTrainer(() => 1);
    await fit(trainer, toyImages(8), {
      epochs: 2,
      batchSize: 4,
      seed: 1,
      learningRate: 123,
      callbacks: [cosineSchedule({ maxLearningRate: 1, minLearningRate: 0 })],
    });
    const expected = [0, 1, 2, 3].map((step) =>
      cosineLearningRate(step, 4, { maxLearningRate: 1, minLearningRate: 0 }),
    );
    expect(trainer.learningRates).toEqual(expected);
    expect(trainer.learningRates[0]).toBe(1);
    expect(trainer.learningRates[3]).toBeCloseTo(0);
  });
});
