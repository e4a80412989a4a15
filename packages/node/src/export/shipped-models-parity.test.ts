// Integration tests against the shipped models, and real MNIST test images (GLYPH_DATA_DIR).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preprocessImages, selectImages } from '@glyph/core/data';
import { toFloatBatch } from '@glyph/core/evaluate';
import { loadDataset } from '../datasets/load-dataset';
import { randomInputs, sharedDataDir } from '../testing';
import { initNodeEngine } from '../engine/init-node-engine';
import { loadModelFolder, type LoadedModelFolder } from '../model-io/load-model-folder';
import { convertLayersModel } from './convert-layers-model';
import { encodeOnnxModel } from './encode-onnx-model';
import { compareWithOnnxRuntime } from './onnx-parity';

const modelsRoot = resolve(import.meta.dirname, '../../../../models');
const digitsFolder = join(modelsRoot, 'digits');
const count = 1000;
let loaded: LoadedModelFolder;

beforeAll(async () => {
  await initNodeEngine();
  loaded = await loadModelFolder(digitsFolder);
});

afterAll(() => loaded?.model.dispose());

describe('ONNX export of the shipped digits model', () => {
  it(`gives the same answers as TF.js on ${count} MNIST test images read through the model's preprocessing`, async () => {
    const { model, metadata } = loaded;
    const dataset = await loadDataset('mnist:test', { dataDir: sharedDataDir() });
    const images = selectImages(
      dataset.test!,
      Array.from({ length: count }, (_, i) => i),
      'mnist-test-1000',
    );
    const { set } = preprocessImages(images, metadata.preprocessing, metadata.input);
    expect(set.count).toBe(count);
    const valuesPerImage = set.width * set.height * set.channels;
    const inputs = toFloatBatch(set.images, 0, count, valuesPerImage);

    const before = tf.memory().numTensors;
    const bytes = encodeOnnxModel(convertLayersModel(model), {
      graphName: metadata.id,
      producerVersion: 'test',
    });
    const parity = await compareWithOnnxRuntime(model, bytes, inputs, count);
    console.info(
      `digits: ${parity.top1Agreements}/${count} same top-1, max |Δp| ${parity.maxAbsDifference.toExponential(2)}`,
    );
    expect(parity.top1Agreements).toBe(count);
    expect(parity.maxAbsDifference).toBeLessThanOrEqual(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('ONNX export of every shipped model', () => {
  const shipped = readdirSync(modelsRoot, { withFileTypes: true }).filter(
    (entry) => entry.isDirectory() && existsSync(join(modelsRoot, entry.name, 'model.json')),
  );
  for (const entry of shipped) {
    it(`${entry.name}: same probabilities on 50 random inputs`, async () => {
      const { model, metadata } = await loadModelFolder(join(modelsRoot, entry.name));
      try {
        const bytes = encodeOnnxModel(convertLayersModel(model), {
          graphName: metadata.id,
          producerVersion: 'test',
        });
        const { width, height, channels } = metadata.input;
        const parity = await compareWithOnnxRuntime(
          model,
          bytes,
          randomInputs(50, [height, width, channels], 9),
          50,
        );
        console.info(
          `${entry.name}: max |Δp| ${parity.maxAbsDifference.toExponential(2)}, top-1 ${parity.top1Agreements}/50`,
        );
        expect(parity.maxAbsDifference).toBeLessThanOrEqual(1e-4);
        expect(parity.top1Agreements).toBe(50);
      } finally {
        model.dispose();
      }
    });
  }
});
