import { describe, expect, it } from 'vitest';
import type { EpochLogs, TrainingCallback } from './callback';
import { fit } from './fit';
import { ScriptedTrainer, toyImages } from '../testing';

describe('fit (loop mechanics, scripted trainer)', () => {
  it('runs ceil(n / batch) steps per epoch, the last one partial, and records every epoch', async () => {
    const trainer = new ScriptedTrainer(() => 1);
    const result = await fit(trainer, toyImages(10), { epochs: 3, batchSize: 4, seed: 1, learningRate: 0.1 });
    expect(trainer.batchSizes).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2]);
    expect(result.history.map((logs) => logs.epoch)).toEqual([1, 2, 3]);
    expect(result.history[0].samples).toBe(10);
    expect(result.stopReason).toBe('completed');
  });

  it('reports sample-weighted mean loss per epoch and running means per batch', async () => {
    const trainer = new ScriptedTrainer((step) => step); // losses 0,1,2 for batches of 4,4,2
    const running: number[] = [];
    const spy: TrainingCallback = { name: 'spy', onBatchEnd: (logs) => void running.push(logs.meanLoss) };
    const result = await fit(trainer, toyImages(10), {
      epochs: 1,
      batchSize: 4,
      seed: 1,
      learningRate: 0.1,
      callbacks: [spy],
    });
    expect(running).toEqual([0, 0.5, (0 * 4 + 1 * 4 + 2 * 2) / 10]);
    expect(result.history[0].loss).toBeCloseTo(0.8);
  });

  it('shuffles differently each epoch but identically for the same seed', async () => {
    const orders: number[][] = [];
    const recordingTrainer = (sink: number[][]) =>
      Object.assign(new ScriptedTrainer(() => 1), {
        trainBatch: async (_x: Float32Array, labels: Int32Array, size: number) => {
          sink.push(Array.from(labels.subarray(0, size)));
          return { loss: 1, accuracy: 0 };
        },
      });
    const set = { ...toyImages(16), labels: Int32Array.from({ length: 16 }, (_, i) => i) };
    await fit(recordingTrainer(orders), set, { epochs: 2, batchSize: 16, seed: 7, learningRate: 1 });
    const again: number[][] = [];
    await fit(recordingTrainer(again), set, { epochs: 2, batchSize: 16, seed: 7, learningRate: 1 });
    expect(again).toEqual(orders);
    expect(orders[0]).not.toEqual(orders[1]);
    expect([...orders[0]].sort((a, b) => a - b)).toEqual(Array.from(set.labels));
  });

  it('evaluates validation data after every epoch and stores it in the logs', async () => {
    const trainer = new ScriptedTrainer(() => 1);
    const validation = toyImages(4);
    const seen: number[] = [];
    const result = await fit(trainer, toyImages(8), {
      epochs: 2,
      batchSize: 8,
      seed: 1,
      learningRate: 0.1,
      validation,
      evaluate: async (set) => {
        seen.push(set.count);
        return { loss: 0.25, accuracy: 0.75 };
      },
    });
    expect(seen).toEqual([4, 4]);
    expect(result.history[1]).toMatchObject({ valLoss: 0.25, valAccuracy: 0.75 });
  });

  it('stops mid-epoch when asked, discarding the unfinished epoch', async () => {
    const trainer = new ScriptedTrainer(() => 1);
    let steps = 0;
    const result = await fit(trainer, toyImages(8), {
      epochs: 5,
      batchSize: 2,
      seed: 1,
      learningRate: 0.1,
      callbacks: [{ name: 'count', onBatchEnd: () => void (steps += 1) }],
      shouldStop: () => steps >= 6, // one full epoch (4 steps) plus 2
    });
    expect(result.stopReason).toBe('interrupted');
    expect(result.history).toHaveLength(1);
    expect(trainer.batchSizes).toHaveLength(6);
  });

  it('resumes after the epochs of a snapshot with its learning rate, history and callback state', async () => {
    const epochsSeen: number[] = [];
    let restored: unknown;
    const stateful: TrainingCallback = {
      name: 'stateful',
      onEpochBegin: (epoch) => void epochsSeen.push(epoch),
      getState: () => ({ counter: 3 }),
      setState: (state) => void (restored = state),
    };
    const first: EpochLogs = { epoch: 1, loss: 2, accuracy: 0, learningRate: 0.05, seconds: 1, samples: 8 };
    const trainer = new ScriptedTrainer(() => 1);
    const result = await fit(trainer, toyImages(8), {
      epochs: 3,
      batchSize: 8,
      seed: 1,
      learningRate: 0.1,
      callbacks: [stateful],
      resumeFrom: {
        epochsCompleted: 1,
        learningRate: 0.05,
        history: [first],
        callbackStates: { stateful: { counter: 1 } },
      },
    });
    expect(epochsSeen).toEqual([2, 3]);
    expect(restored).toEqual({ counter: 1 });
    expect(trainer.learningRates).toEqual([0.05]);
    expect(result.history.map((logs) => logs.epoch)).toEqual([1, 2, 3]);
    expect(result.history[0]).toEqual(first);
  });

  it('rejects bad options with clear errors', async () => {
    const trainer = new ScriptedTrainer(() => 1);
    await expect(
      fit(trainer, toyImages(4), { epochs: 0, batchSize: 2, seed: 1, learningRate: 0.1 }),
    ).rejects.toMatchObject({
      code: 'BAD_USAGE',
    });
    await expect(
      fit(trainer, { ...toyImages(4), count: 0 }, { epochs: 1, batchSize: 2, seed: 1, learningRate: 0.1 }),
    ).rejects.toMatchObject({ code: 'DATASET_EMPTY' });
  });
});
