import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, listArchitectures } from '@glyph/core/zoo';
import { initNodeEngine } from '../engine/init-node-engine';
import { convertLayersModel } from './convert-layers-model';
import { encodeOnnxModel } from './encode-onnx-model';
import { compareWithOnnxRuntime } from './onnx-parity';
import {
  buildAssortedLayersModel,
  buildMobileNetLikeBackbone,
  buildTransferLikeModel,
  randomInputs,
  randomizeBatchNorms,
} from '../testing';

const tolerance = 1e-4;
const count = 64;
/** Photo-sized architectures (224×224×3) get a few inputs, so the suite stays quick. */
const countFor = (shape: readonly number[]) => (shape.reduce((a, b) => a * b, 1) > 100_000 ? 4 : count);

beforeAll(async () => {
  await initNodeEngine();
});

/** Exports `model`, runs `count` seeded random inputs through both runtimes, disposes the model. */
async function exportAndCompare(model: tf.LayersModel, seed: number) {
  const label = model.name;
  const before = tf.memory().numTensors;
  try {
    const bytes = encodeOnnxModel(convertLayersModel(model), {
      graphName: model.name,
      producerVersion: 'test',
    });
    const shape = model.inputs[0].shape.slice(1) as number[];
    const n = countFor(shape);
    const parity = await compareWithOnnxRuntime(model, bytes, randomInputs(n, shape, seed), n);
    expect(tf.memory().numTensors).toBe(before);
    console.info(
      `${label}: max |Δ| ${parity.maxAbsDifference.toExponential(2)}, top-1 ${parity.top1Agreements}/${n}`,
    );
    return parity;
  } finally {
    model.dispose();
  }
}

describe('ONNX export parity with TF.js', () => {
  for (const architecture of listArchitectures()) {
    it(`${architecture.name}: same probabilities on random inputs`, async () => {
      const model = buildModel(architecture.name, {
        inputShape: architecture.defaultInputShape,
        numClasses: 10,
        seed: 7,
      });
      randomizeBatchNorms(model, 11);
      const parity = await exportAndCompare(model, 3);
      expect(parity.count).toBe(countFor(architecture.defaultInputShape));
      expect(parity.maxAbsDifference).toBeLessThanOrEqual(tolerance);
      expect(parity.top1Agreements).toBe(parity.count);
    });
  }

  it('glyphnet on a small input, where its convolutions switch to same padding', async () => {
    const model = buildModel('glyphnet', { inputShape: [16, 12, 3], numClasses: 4, seed: 2 });
    randomizeBatchNorms(model, 5);
    const parity = await exportAndCompare(model, 4);
    expect(parity.maxAbsDifference).toBeLessThanOrEqual(tolerance);
    expect(parity.top1Agreements).toBe(count);
  });

  it("a functional model of MobileNetV2's layer classes: features match", async () => {
    const model = buildMobileNetLikeBackbone();
    randomizeBatchNorms(model, 13);
    const parity = await exportAndCompare(model, 5);
    // Raw features (not probabilities): compare on their own scale.
    expect(parity.maxAbsDifference).toBeLessThanOrEqual(tolerance);
  });

  it('a transfer model (backbone nested as a layer, dense head): same probabilities', async () => {
    const model = buildTransferLikeModel();
    randomizeBatchNorms(model, 17);
    const parity = await exportAndCompare(model, 6);
    expect(parity.maxAbsDifference).toBeLessThanOrEqual(tolerance);
    expect(parity.top1Agreements).toBe(count);
  });

  it('separable conv, concatenation, average pooling, cropping and flatten after a feature map', async () => {
    const parity = await exportAndCompare(buildAssortedLayersModel(), 8);
    expect(parity.maxAbsDifference).toBeLessThanOrEqual(tolerance);
    expect(parity.top1Agreements).toBe(count);
  });
});
