import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startWasm, seededValues } from '../testing';
import { buildModel, listArchitectures } from '../zoo/architectures';
import { compileNetwork } from './compile-network';

beforeAll(startWasm);

/** Gives every weight (batch-norm statistics included) reproducible non-trivial values. */
function randomizeWeights(model: tf.LayersModel, seed: number): void {
  model.weights.forEach((weight, index) => {
    const shape = weight.shape as number[];
    const values = seededValues(
      shape.reduce((a, b) => a * b, 1),
      seed + index,
    );
    // Variances must stay positive; everything else may take either sign.
    const data = weight.originalName.endsWith('moving_variance')
      ? values.map((v) => 0.2 + Math.abs(v))
      : values;
    weight.write(tf.tensor(data, shape));
  });
}

async function compare(model: tf.LayersModel, batch: number): Promise<number> {
  const compiled = compileNetwork(model);
  expect(compiled).not.toBeNull();
  const [height, width, channels] = model.inputs[0].shape.slice(1) as number[];
  const x = tf.tensor4d(seededValues(batch * height * width * channels, 7), [batch, height, width, channels]);
  const expected = model.predict(x) as tf.Tensor;
  const actual = compiled!.predict(x);
  const [a, e] = [await actual.data(), await expected.data()];
  expect(actual.shape).toEqual(expected.shape);
  tf.dispose([x, expected, actual]);
  compiled!.dispose();
  return Math.max(
    ...Array.from(a, (value, index) => Math.abs(value - e[index]) / (1e-3 + Math.abs(e[index]))),
  );
}

describe('compileNetwork', () => {
  for (const architecture of listArchitectures()) {
    it(`computes what model.predict computes for ${architecture.name}`, async () => {
      const model = buildModel(architecture.name, {
        inputShape: architecture.defaultInputShape,
        numClasses: 10,
        seed: 3,
      });
      randomizeWeights(model, 11);
      expect(await compare(model, 1)).toBeLessThan(1e-3);
      expect(await compare(model, 5)).toBeLessThan(1e-3);
      model.dispose();
    });
  }

  it('folds batch norm and activations into the convolution before them, and keeps standalone ones', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [9, 7, 3],
          filters: 5,
          kernelSize: [3, 2],
          strides: [2, 1],
          padding: 'same',
          useBias: true,
        }),
        tf.layers.batchNormalization({ epsilon: 0.01 }),
        tf.layers.activation({ activation: 'relu6' }),
        tf.layers.batchNormalization({ center: false }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 1 }),
        tf.layers.conv2d({ filters: 4, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'tanh' }),
        tf.layers.globalMaxPooling2d({}),
        tf.layers.dense({ units: 6, useBias: false }),
        tf.layers.batchNormalization({ scale: false }),
        tf.layers.reLU({}),
        tf.layers.dense({ units: 3 }),
        tf.layers.softmax(),
      ],
    });
    randomizeWeights(model, 5);
    expect(await compare(model, 3)).toBeLessThan(1e-3);
    const compiled = compileNetwork(model)!;
    expect(compiled.endsInSoftmax).toBe(true);
    compiled.dispose();
    model.dispose();
  });

  it('returns null for layers it does not cover, leaving no tensor behind', () => {
    const before = tf.memory().numTensors;
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3 }),
        tf.layers.batchNormalization({}),
        tf.layers.upSampling2d({ size: [2, 2] }),
      ],
    });
    const modelTensors = tf.memory().numTensors;
    expect(compileNetwork(model)).toBeNull();
    expect(tf.memory().numTensors).toBe(modelTensors);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('allocates nothing that outlives a prediction, and frees its folded weights on dispose', () => {
    const model = buildModel('glyphnet', { inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
    const before = tf.memory().numTensors;
    const compiled = compileNetwork(model)!;
    const x = tf.zeros([2, 28, 28, 1]);
    for (let step = 0; step < 3; step++) tf.dispose(compiled.predict(x));
    x.dispose();
    compiled.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
