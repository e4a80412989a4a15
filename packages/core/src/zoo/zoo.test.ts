import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, listArchitectures, type ArchitectureName } from './architectures';
import { modelSize } from './model-size';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function stack(model: tf.LayersModel): string {
  return model.layers
    .map((layer) => {
      const config = layer.getConfig();
      const name = layer.getClassName();
      if (name === 'Conv2D') return `conv${config.filters}x${(config.kernelSize as number[])[0]}`;
      if (name === 'Dense') return `dense${config.units}`;
      if (name === 'Dropout') return `dropout${config.rate}`;
      return name;
    })
    .join(' ');
}

function built(name: ArchitectureName, numClasses = 10) {
  const info = listArchitectures().find((entry) => entry.name === name)!;
  return buildModel(name, { inputShape: info.defaultInputShape, numClasses, seed: 1 });
}

describe('model zoo', () => {
  it('lists the four architectures, the default first', () => {
    expect(listArchitectures().map((entry) => entry.name)).toEqual([
      'glyphnet',
      'seed-alphabet',
      'seed-mnist',
      'seed-thesis',
    ]);
  });

  it('builds the seed networks exactly as published', () => {
    const cases: [ArchitectureName, string, number][] = [
      ['seed-alphabet', 'conv32x3 MaxPooling2D conv32x3 MaxPooling2D Flatten dense128 dense26', 161_082],
      [
        'seed-mnist',
        'conv32x5 MaxPooling2D conv32x3 MaxPooling2D dropout0.2 Flatten dense128 dense26',
        115_962,
      ],
      [
        'seed-thesis',
        'conv32x3 conv32x3 MaxPooling2D dropout0.25 Flatten dense512 dropout0.5 dense26',
        2_382_714,
      ],
    ];
    for (const [name, layers, params] of cases) {
      const model = built(name, 26);
      expect(stack(model)).toBe(layers);
      expect(modelSize(model).params).toBe(params);
      model.dispose();
    }
  });

  it('builds glyphnet as conv-BN-ReLU blocks with global pooling within 1.5 MB', () => {
    const conv = (filters: number) => `conv${filters}x3 BatchNormalization ReLU`;
    const block = (filters: number) => `${conv(filters)} ${conv(filters)}`;
    for (const numClasses of [10, 62]) {
      const model = built('glyphnet', numClasses);
      expect(stack(model)).toBe(
        `${block(32)} MaxPooling2D ${block(64)} MaxPooling2D ${conv(128)} GlobalAveragePooling2D dropout0.25 dense${numClasses}`,
      );
      expect(modelSize(model).weightBytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
      model.dispose();
    }
    const mnist = built('glyphnet', 10);
    // convs 9·(1·32 + 32·32 + 32·64 + 64·64 + 64·128) + BN 4·(32+32+64+64+128) + dense 128·10+10
    expect(modelSize(mnist).params).toBe(138_528 + 1_280 + 1_290);
    mnist.dispose();
  });

  it('outputs a softmax over the classes for any supported input', () => {
    const model = buildModel('glyphnet', { inputShape: [8, 12, 3], numClasses: 5, seed: 1 });
    const output = tf.tidy(
      () => model.predict(tf.randomUniform([2, 8, 12, 3], 0, 1, 'float32', 1)) as tf.Tensor,
    );
    expect(output.shape).toEqual([2, 5]);
    const sums = tf.tidy(() => tf.sum(output, 1).arraySync() as number[]);
    sums.forEach((sum) => expect(sum).toBeCloseTo(1, 5));
    output.dispose();
    model.dispose();
  });

  it('gives identical initial weights for one seed and different ones for another', () => {
    const weightsOf = (seed: number) => {
      const model = buildModel('seed-mnist', { inputShape: [28, 28, 1], numClasses: 10, seed });
      const values = model.getWeights().map((weight) => Array.from(weight.dataSync().slice(0, 50)));
      model.dispose();
      return values;
    };
    expect(weightsOf(4)).toEqual(weightsOf(4));
    expect(weightsOf(4)).not.toEqual(weightsOf(5));
  });

  it('rejects unknown names and inputs the layer stack cannot take', () => {
    expect(() => buildModel('nope' as ArchitectureName, { inputShape: [28, 28, 1], numClasses: 10 })).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE' }),
    );
    expect(() => buildModel('seed-mnist', { inputShape: [8, 8, 1], numClasses: 10 })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
    expect(() => buildModel('glyphnet', { inputShape: [28, 28, 4], numClasses: 10 })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
    expect(() => buildModel('glyphnet', { inputShape: [28, 28, 1], numClasses: 1 })).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE' }),
    );
  });

  it('builds nothing on import', async () => {
    const before = tf.memory().numTensors;
    await import('./index');
    expect(tf.memory().numTensors).toBe(before);
  });
});
