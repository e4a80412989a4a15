import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkNetworkMatchesMetadata } from './network-shape';

/** A `height×width×channels` → `units` softmax classifier. */
function classifier(height: number, width: number, channels: number, units: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [height, width, channels] }),
      tf.layers.dense({ units, activation: 'softmax' }),
    ],
  });
}

const metadata = (labels: number, width = 28, height = 28, channels = 1) => ({
  labels: Array.from({ length: labels }, (_, k) => String(k)),
  input: { width, height, channels },
});

describe('checkNetworkMatchesMetadata', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('returns the input and output units of a network its metadata describes', () => {
    const model = classifier(20, 30, 3, 4);
    expect(checkNetworkMatchesMetadata(model, metadata(4, 30, 20, 3), 'm')).toEqual({
      input: { width: 30, height: 20, channels: 3 },
      outputUnits: 4,
    });
    model.dispose();
  });

  it('refuses labels that do not name every output unit, with MODEL_INVALID', () => {
    const model = classifier(28, 28, 1, 3);
    expect(() => checkNetworkMatchesMetadata(model, metadata(2), 'models/x')).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message: expect.stringMatching(
          /^models\/x: metadata\.json lists 2 labels but the network has 3 output units/,
        ),
      }),
    );
    model.dispose();
  });

  it('refuses a declared input the network does not take, saying both and the fix', () => {
    const model = classifier(28, 28, 1, 2);
    expect(() => checkNetworkMatchesMetadata(model, metadata(2, 32, 32, 3), 'm')).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message:
          'm: metadata.json says the input is 32×32×3 but the network takes 28×28×1. Fix metadata.input or re-export the model.',
      }),
    );
    model.dispose();
  });

  it('refuses a flat input even of the same number of values: a classifier takes images', () => {
    const flat = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [784], units: 2, activation: 'softmax' })],
    });
    expect(() => checkNetworkMatchesMetadata(flat, metadata(2), 'm')).toThrow(/the network takes \[784\]/);
    flat.dispose();
  });

  it('refuses a network with two outputs', () => {
    const input = tf.input({ shape: [28, 28, 1] });
    const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
    const outputs = [0, 1].map(
      (k) => tf.layers.dense({ units: 2, name: `out${k}` }).apply(flat) as tf.SymbolicTensor,
    );
    const model = tf.model({ inputs: input, outputs });
    expect(() => checkNetworkMatchesMetadata(model, metadata(2), 'm')).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message: expect.stringMatching(/1 inputs and 2 outputs/),
      }),
    );
    model.dispose();
  });

  it('refuses an output that is not one vector of class scores', () => {
    const maps = tf.sequential({
      layers: [tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3 })],
    });
    expect(() => checkNetworkMatchesMetadata(maps, metadata(2), 'm')).toThrow(
      /output \[26, 26, 2\] must be one vector/,
    );
    maps.dispose();
  });
});
