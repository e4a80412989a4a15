import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeEngine } from '../engine/init-node-engine';
import { convertLayersModel } from './convert-layers-model';
import { encodeOnnxModel } from './encode-onnx-model';
import { compareWithOnnxRuntime } from './onnx-parity';
import { randomInputs } from '../testing';

/**
 * The real MobileNetV2 graph and weights that Glyph's photo backbone comes from (the nsfwjs
 * package, a dependency of packages/node): 162 layers, ZeroPadding2D/DepthwiseConv2D/ReLU6/Add
 * residuals/AveragePooling2D, uint8-quantized weights dequantized on load.
 */
async function loadPackagedMobileNetV2(): Promise<tf.LayersModel> {
  const require = createRequire(import.meta.url);
  const packageRoot = join(dirname(require.resolve('nsfwjs')), '../..');
  const folder = join(packageRoot, 'dist/models/mobilenet_v2');
  const { modelTopology, weightsManifest } = require(join(folder, 'model.min.js')) as tf.io.ModelJSON;
  const shard = Buffer.from(require(join(folder, 'group1-shard1of1.min.js')) as string, 'base64');
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology,
      weightSpecs: weightsManifest.flatMap((group) => group.weights),
      weightData: shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength),
    }),
  );
}

const count = 4;
let model: tf.LayersModel;

beforeAll(async () => {
  await initNodeEngine();
  model = await loadPackagedMobileNetV2();
});

afterAll(() => model?.dispose());

describe('ONNX export of the packaged MobileNetV2', () => {
  it('uses the layer classes the exporter must cover', () => {
    const classes = new Set(model.layers.map((layer) => layer.getClassName()));
    for (const name of ['ZeroPadding2D', 'DepthwiseConv2D', 'ReLU', 'Add', 'AveragePooling2D', 'Dense']) {
      expect(classes).toContain(name);
    }
  });

  it(`matches TF.js on ${count} random 224×224 photos: 1280 features and the softmax output`, async () => {
    const before = tf.memory().numTensors;
    const inputs = randomInputs(count, [224, 224, 3], 21);
    const features = tf.model({ inputs: model.inputs, outputs: model.getLayer('flatten_1').output });
    for (const network of [features, model]) {
      const bytes = encodeOnnxModel(convertLayersModel(network), {
        graphName: 'mobilenet_v2',
        producerVersion: 'test',
      });
      const parity = await compareWithOnnxRuntime(network, bytes, inputs, count);
      console.info(
        `mobilenet_v2 ${network === model ? 'output' : 'features'}: max |Δ| ${parity.maxAbsDifference.toExponential(2)}`,
      );
      expect(parity.maxAbsDifference).toBeLessThanOrEqual(1e-4);
      expect(parity.top1Agreements).toBe(count);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
