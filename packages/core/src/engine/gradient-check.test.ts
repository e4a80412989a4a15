import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyGradients, computeGradients, sparseCrossEntropy } from '../train/gradients';
import { buildModel } from '../zoo/architectures';
import { runOn, scaledError, seededValues, startWasm, wasmDataBuffers } from '../testing';

/** conv3×3 same → max-pool → conv3×3 stride 2 valid → dense softmax, every weight seeded. */
function smallConvNet(): tf.LayersModel {
  const model = tf.sequential();
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  model.add(
    tf.layers.conv2d({
      inputShape: [9, 10, 1],
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(1),
      biasInitializer: 'ones',
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(
    tf.layers.conv2d({
      filters: 5,
      kernelSize: 3,
      strides: 2,
      activation: 'tanh',
      kernelInitializer: init(2),
    }),
  );
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(3) }));
  return model;
}

function batch(
  shape: [number, number, number, number],
  numClasses: number,
): { x: tf.Tensor4D; labels: tf.Tensor1D } {
  const x = tf.tensor4d(
    seededValues(
      shape.reduce((a, b) => a * b, 1),
      11,
    ).map((v) => (v + 1) / 2),
    shape,
  );
  const labels = tf.tensor1d(
    Array.from({ length: shape[0] }, (_, i) => i % numClasses),
    'int32',
  );
  return { x, labels };
}

/** Gradients of the training loss on `backend`, flattened into one array in weight order. */
async function gradientsOn(
  backend: 'cpu' | 'wasm',
  model: tf.LayersModel,
  inputShape: [number, number, number, number],
  numClasses: number,
) {
  return runOn(backend, () => {
    const { x, labels } = batch(inputShape, numClasses);
    const { gradients, loss, accuracy } = computeGradients(model, x, labels);
    const flat = tf.concat(gradients.map((gradient) => gradient.flatten()));
    tf.dispose([...gradients, loss, accuracy]);
    return flat;
  });
}

beforeAll(startWasm);

describe('training gradients on wasm', () => {
  it('match cpu for a small conv net (conv, pooling, strided conv, dense)', async () => {
    const model = smallConvNet();
    const expected = await gradientsOn('cpu', model, [3, 9, 10, 1], 3);
    const actual = await gradientsOn('wasm', model, [3, 9, 10, 1], 3);
    expect(scaledError(actual, expected)).toBeLessThan(1e-4);
    model.dispose();
  });

  it('match cpu for glyphnet (batch norm, global pooling, dropout)', async () => {
    const model = buildModel('glyphnet', { inputShape: [8, 8, 1], numClasses: 3, seed: 5 });
    const expected = await gradientsOn('cpu', model, [4, 8, 8, 1], 3);
    const actual = await gradientsOn('wasm', model, [4, 8, 8, 1], 3);
    expect(scaledError(actual, expected)).toBeLessThan(1e-4);
    model.dispose();
  });

  it('agree with finite differences of the loss', async () => {
    await tf.setBackend('wasm');
    const model = smallConvNet();
    const { x, labels } = batch([2, 9, 10, 1], 3);
    const loss = (): number =>
      tf.tidy(
        () => sparseCrossEntropy(model.apply(x, { training: true }) as tf.Tensor2D, labels).dataSync()[0],
      );
    const { gradients, loss: lossTensor, accuracy } = computeGradients(model, x, labels);
    const epsilon = 1e-3;
    // One entry of each convolution kernel and of the dense kernel.
    for (const [weightIndex, entry] of [
      [0, 5],
      [2, 17],
      [4, 9],
    ]) {
      const weight = model.trainableWeights[weightIndex].read() as tf.Variable;
      const original = weight.dataSync().slice();
      const nudged = (delta: number): number => {
        const values = original.slice();
        values[entry] += delta;
        weight.assign(tf.tensor(values, weight.shape));
        return loss();
      };
      const numeric = (nudged(epsilon) - nudged(-epsilon)) / (2 * epsilon);
      weight.assign(tf.tensor(original, weight.shape));
      const analytic = gradients[weightIndex].dataSync()[entry];
      expect(Math.abs(numeric - analytic)).toBeLessThan(2e-3 + 2e-2 * Math.abs(analytic));
    }
    tf.dispose([...gradients, lossTensor, accuracy, x, labels]);
    model.dispose();
  });

  it('leave tensor and buffer counts unchanged from one training step to the next', async () => {
    await tf.setBackend('wasm');
    const model = buildModel('glyphnet', { inputShape: [8, 8, 1], numClasses: 3, seed: 7 });
    const optimizer = tf.train.adam(1e-3);
    const { x, labels } = batch([4, 8, 8, 1], 3);
    const step = (): void =>
      tf.tidy(() => {
        const { gradients, loss, accuracy } = computeGradients(model, x, labels);
        applyGradients(optimizer, model, gradients);
        tf.dispose([loss, accuracy]); // `accuracy` is kept out of tidy by computeGradients
      });
    step(); // creates the optimizer's slots
    const tensors = tf.memory().numTensors;
    const buffers = wasmDataBuffers();
    step();
    step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataBuffers()).toBe(buffers);
    tf.dispose([x, labels]);
    optimizer.dispose();
    model.dispose();
  });
});
