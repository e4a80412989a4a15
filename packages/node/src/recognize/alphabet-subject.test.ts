// Acceptance of the photo recipe's character step: the shipped `alphabet` model reads its own
// held-out letters placed on paper with wide margins, and under a soft shadow, as well as it reads
// the tight crops it was trained on. The pictures are made here from the dataset's files.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawImage } from '@glyph/core';
import { imageAt, type LabeledImages } from '@glyph/core/data';
import { castShadow, placeOnPage } from '@glyph/core/preprocess';
import { createRecognizer, type Recognizer } from '@glyph/core/recognize';
import { loadDataset } from '@glyph/node/datasets';
import { loadModelFolder } from '@glyph/node/model-io';

const alphabetModel = fileURLToPath(new URL('../../../../models/alphabet', import.meta.url));
const dataFolder = process.env.GLYPH_DATA_DIR ? join(resolve(process.env.GLYPH_DATA_DIR), 'alphabet') : '';
const available = dataFolder !== '' && existsSync(dataFolder);
if (!available) {
  console.warn(
    'Skipping the alphabet margins and shadows test: no alphabet folder under GLYPH_DATA_DIR (run with GLYPH_DATA_DIR=../shared/datasets).',
  );
}

/** A seeded generator in [0, 1), so every run makes the same pictures. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** Paper on each side: 50–150% of the glyph's width or height. */
function padded(image: RawImage, random: () => number): RawImage {
  const margin = () => 0.5 + random();
  return placeOnPage(image, { left: margin(), right: margin(), top: margin(), bottom: margin() });
}

/** Padded, then a soft shadow edge at any angle taking 30–55% of the light, and a light gradient. */
function shadowed(image: RawImage, random: () => number): RawImage {
  return castShadow(padded(image, random), {
    angle: random() * 2 * Math.PI,
    offset: (random() - 0.5) * 0.4,
    depth: 0.3 + 0.25 * random(),
    softness: 0.2 + 0.3 * random(),
    gradient: 0.2 * random(),
  });
}

describe.skipIf(!available)('alphabet on letters with margins and shadows', () => {
  let test: LabeledImages;
  let recognizer: Recognizer;
  let centreCrop: Recognizer;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const { model, metadata } = await loadModelFolder(alphabetModel);
    expect(metadata.preprocessing).toMatchObject({ kind: 'photo', subject: 'character' });
    // The model's own content-hash holdout, as `glyph eval` re-scores it.
    const loaded = await loadDataset(`folder:${dataFolder}`, {
      holdout: metadata.dataset.holdout?.fraction ?? 0.2,
      dedupe: (metadata.training as { dedupe?: boolean }).dedupe === true,
    });
    test = loaded.test!;
    recognizer = createRecognizer(model, metadata, alphabetModel);
    const second = await loadModelFolder(alphabetModel);
    centreCrop = createRecognizer(
      second.model,
      { ...metadata, preprocessing: { kind: 'photo' } },
      alphabetModel,
    );
  });
  afterAll(() => {
    recognizer?.dispose();
    centreCrop?.dispose();
  });

  async function accuracy(reader: Recognizer, make: (image: RawImage) => RawImage): Promise<number> {
    let right = 0;
    for (let i = 0; i < test.count; i++) {
      const tight: RawImage = {
        data: imageAt(test, i),
        width: test.width,
        height: test.height,
        channels: test.channels,
      };
      const answer = await reader.recognize(make(tight), { top: 1 });
      if (answer.predictions[0]?.label === test.classNames[test.labels[i]]) right++;
    }
    return right / test.count;
  }

  it('reads padded and shadowed renderings of its held-out letters as well as tight crops', async () => {
    const before = tf.memory().numTensors;
    const tight = await accuracy(recognizer, (image) => image);
    const [pageRandom, shadowRandom, sameMargins] = [seeded(1), seeded(2), seeded(1)];
    const margins = await accuracy(recognizer, (image) => padded(image, pageRandom));
    const shadows = await accuracy(recognizer, (image) => shadowed(image, shadowRandom));
    // Without the step, the same network sees a small letter in the middle of its input.
    const marginsWithoutStep = await accuracy(centreCrop, (image) => padded(image, sameMargins));
    expect(tf.memory().numTensors).toBe(before);
    const figures = `tight ${tight}, padded ${margins}, shadowed ${shadows}, padded without the step ${marginsWithoutStep} (${test.count} images)`;
    expect(test.count, figures).toBeGreaterThanOrEqual(50);
    expect(tight, figures).toBeGreaterThanOrEqual(0.9);
    expect(margins, figures).toBeGreaterThanOrEqual(0.9);
    expect(shadows, figures).toBeGreaterThanOrEqual(0.9);
    expect(margins, figures).toBeGreaterThanOrEqual(tight - 0.05);
    expect(marginsWithoutStep, figures).toBeLessThan(0.5);
  });
});
