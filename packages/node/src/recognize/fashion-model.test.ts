// Acceptance of the shipped `fashion` model on the official Fashion-MNIST test split (a sample here;
// the full figure is in models/fashion/report), and of its polarity step: the same pictures as
// product shots — dark objects on a white page, RGB, at three times the size — read the same.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawImage } from '@glyph/core';
import { imageAt, preprocessImages, selectImages, type LabeledImages } from '@glyph/core/data';
import { toFloatBatch } from '@glyph/core/evaluate';
import { createRecognizer, type Recognizer } from '@glyph/core/recognize';
import { loadDataset } from '../datasets/load-dataset';
import { initNodeEngine } from '../engine/init-node-engine';
import { loadModelFolder, type LoadedModelFolder } from '../model-io/load-model-folder';

const fashionModel = resolve(import.meta.dirname, '../../../../models/fashion');
const dataDir = process.env.GLYPH_DATA_DIR ? resolve(process.env.GLYPH_DATA_DIR) : '';
const available =
  dataDir !== '' &&
  existsSync(join(dataDir, 'fashion-mnist')) &&
  existsSync(join(fashionModel, 'model.json'));
if (!available) {
  console.warn(
    'Skipping the fashion model test: it needs models/fashion and GLYPH_DATA_DIR with fashion-mnist (run with GLYPH_DATA_DIR=../shared/datasets).',
  );
}

/** Every tenth official test image: 1,000 images, 100 of each class. */
const sampleSize = 1000;

/** The picture as a shop would photograph it: inverted, RGB, each pixel a 3×3 block. */
function productShot(set: LabeledImages, index: number): RawImage {
  const pixels = imageAt(set, index);
  const scale = 3;
  const side = set.width * scale;
  const data = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const value = 255 - pixels[Math.floor(y / scale) * set.width + Math.floor(x / scale)];
      data.fill(value, (y * side + x) * 3, (y * side + x) * 3 + 3);
    }
  }
  return { data, width: side, height: side, channels: 3 };
}

describe.skipIf(!available)('the shipped fashion model', () => {
  let loaded: LoadedModelFolder;
  let sample: LabeledImages;

  beforeAll(async () => {
    await initNodeEngine();
    loaded = await loadModelFolder(fashionModel);
    const { test } = await loadDataset('fashion-mnist:test', { dataDir });
    const indices = Array.from({ length: sampleSize }, (_, i) => i * (test!.count / sampleSize));
    sample = selectImages(test!, indices, 'fashion-mnist-test-every-10th');
  });
  afterAll(() => loaded?.model.dispose());

  it(`reads at least 92% of ${sampleSize} official test images through its own preprocessing`, () => {
    const { model, metadata } = loaded;
    expect(metadata.labels).toEqual(sample.classNames);
    expect(metadata.preprocessing).toEqual({ kind: 'photo', background: 'dark' });
    const { set } = preprocessImages(sample, metadata.preprocessing, metadata.input);
    expect(set.count).toBe(sampleSize);
    const inputs = toFloatBatch(set.images, 0, set.count, set.width * set.height * set.channels);
    const before = tf.memory().numTensors;
    const predicted = tf.tidy(() => {
      const batch = tf.tensor4d(inputs, [set.count, set.height, set.width, set.channels]);
      return (model.predict(batch) as tf.Tensor).argMax(-1).dataSync();
    });
    expect(tf.memory().numTensors).toBe(before);
    let right = 0;
    for (let i = 0; i < set.count; i++) if (predicted[i] === set.labels[i]) right++;
    const accuracy = right / set.count;
    console.info(`fashion: ${right}/${set.count} right (${(accuracy * 100).toFixed(1)}%)`);
    expect(accuracy).toBeGreaterThanOrEqual(0.92);
  });

  it('gives the same answers to the same pictures photographed dark on white', async () => {
    const recognizer: Recognizer = createRecognizer(loaded.model, loaded.metadata, fashionModel);
    const count = 200;
    let same = 0;
    for (let i = 0; i < count; i++) {
      const raw: RawImage = { data: imageAt(sample, i), width: 28, height: 28, channels: 1 };
      const [asStored, asShot] = [
        await recognizer.recognize(raw, { top: 1 }),
        await recognizer.recognize(productShot(sample, i), { top: 1 }),
      ];
      if (asStored.predictions[0]?.label === asShot.predictions[0]?.label) same++;
    }
    expect(same).toBe(count);
  });
});
