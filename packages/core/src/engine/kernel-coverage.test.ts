import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyGradients, computeGradients } from '../train/gradients';
import { buildModel, listArchitectures } from '../zoo/architectures';
import { seededValues, startWasm } from '../testing';

beforeAll(startWasm);

// tfjs throws "Kernel '…' not registered for backend 'wasm'" the first time a step needs a kernel
// the backend lacks, so one optimizer step per architecture covers every kernel training touches.
describe('every zoo architecture trains on wasm', () => {
  it.each(listArchitectures().map((info) => [info.name, info] as const))(
    '%s: one training step',
    async (_, info) => {
      await tf.setBackend('wasm');
      const [height, width, channels] = info.defaultInputShape;
      const model = buildModel(info.name, { inputShape: info.defaultInputShape, numClasses: 4, seed: 2 });
      const optimizer = tf.train.adam(1e-3);
      const before = model.getWeights().map((weight) => weight.dataSync().slice());
      const x = tf.tensor4d(
        seededValues(3 * height * width * channels, 1).map((v) => (v + 1) / 2),
        [3, height, width, channels],
      );
      const labels = tf.tensor1d([0, 1, 3], 'int32');
      try {
        const loss = tf.tidy(() => {
          const { gradients, loss: value, accuracy } = computeGradients(model, x, labels);
          expect(gradients.every((gradient) => gradient.dataSync().every(Number.isFinite))).toBe(true);
          applyGradients(optimizer, model, gradients);
          accuracy.dispose();
          return value.dataSync()[0];
        });
        expect(Number.isFinite(loss)).toBe(true);
        const changed = model
          .getWeights()
          .some((weight, index) => weight.dataSync().some((v, i) => v !== before[index][i]));
        expect(changed).toBe(true);
      } finally {
        tf.dispose([x, labels]);
        optimizer.dispose();
        model.dispose();
      }
    },
  );
});
