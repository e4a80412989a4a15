import type { BatchLogs, EpochLogs, TrainingControl } from '@glyph/core/train';
import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine, progressPrinter } from './progress-printer';
import { stopOnSignals } from './interrupt';

const control = { epochs: 10, stepsPerEpoch: 4 } as TrainingControl;
const batch = (index: number, seconds: number): BatchLogs => ({
  epoch: 3,
  batch: index,
  stepsPerEpoch: 4,
  globalStep: 8 + index,
  size: 32,
  loss: 0.5,
  accuracy: 0.75,
  meanLoss: 0.41234,
  meanAccuracy: 0.87654,
  samplesSeen: 32 * (index + 1),
  seconds,
});
const epoch: EpochLogs = {
  epoch: 3,
  loss: 0.4,
  accuracy: 0.88,
  valLoss: 0.3,
  valAccuracy: 0.9,
  learningRate: 0.001,
  seconds: 95,
  samples: 128,
};

describe('progress printer', () => {
  it('draws a Keras-like bar with ETA and running metrics on a terminal', async () => {
    expect(progressLine(batch(0, 10))).toBe(
      '1/4 [======>.......................] - ETA: 30s - loss: 0.4123 - acc: 0.8765',
    );
    let text = '';
    let clock = 0;
    const printer = progressPrinter({ write: (t) => void (text += t), isTTY: true }, () => (clock += 1000));
    await printer.onEpochBegin?.(3, control);
    for (let i = 0; i < 4; i++) await printer.onBatchEnd?.(batch(i, i + 1), control);
    await printer.onEpochEnd?.(epoch, control);
    expect(text.startsWith('Epoch 3/10\n\r1/4 [')).toBe(true);
    expect(text).toContain(
      '\r4/4 [==============================] - 1:35 23750ms/step - loss: 0.4000 - acc: 0.8800 - val_loss: 0.3000 - val_acc: 0.9000 - lr: 0.0010',
    );
  });

  it('prints one plain line per epoch when not on a terminal', async () => {
    let text = '';
    const printer = progressPrinter({ write: (t) => void (text += t), isTTY: false });
    await printer.onEpochBegin?.(3, control);
    await printer.onBatchEnd?.(batch(0, 1), control);
    await printer.onEpochEnd?.({ ...epoch, valLoss: undefined, valAccuracy: undefined }, control);
    expect(text).toBe('epoch 3/10 - 1:35 - loss: 0.4000 - acc: 0.8800 - lr: 0.0010\n');
  });

  it('formats durations', () => {
    expect([formatDuration(4.4), formatDuration(75), formatDuration(3723)]).toEqual([
      '4s',
      '1:15',
      '1:02:03',
    ]);
  });
});

describe('stop on signals', () => {
  it('turns the first SIGINT into a stop request and unregisters cleanly', () => {
    const seen: string[] = [];
    const before = process.listenerCount('SIGINT');
    const stop = stopOnSignals((signal) => void seen.push(signal));
    expect(stop.shouldStop()).toBe(false);
    process.emit('SIGINT', 'SIGINT');
    expect(stop.shouldStop()).toBe(true);
    expect(seen).toEqual(['SIGINT']);
    stop.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
