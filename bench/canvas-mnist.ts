// Canvas-like MNIST: does Glyph's preprocessing read drawings as well as the model reads MNIST?
// Each test digit is redrawn as a person's canvas would hold it (280×280, off-centre, 30–90% of the
// canvas, thin to thick dark strokes on white, JPEG-compressed), decoded by the server's decoder and
// classified (a) through `preprocess` and (b) through the seeds' naive path: invert, bilinear resize
// 280→28. Run: npx tsx bench/canvas-mnist.ts [--model models/digits] [--count 10000] [--seed 1] [--json]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '@glyph/core';
import { imageAt, mulberry32 } from '@glyph/core/data';
import { initEngine } from '@glyph/core/engine';
import { preprocess, toLuminance } from '@glyph/core/preprocess';
import { classifyBatch } from '@glyph/core/recognize';
import { loadDataset, resolveDataDir } from '@glyph/node/datasets';
import { decodeImage } from '@glyph/node/image';
import { loadModelFolder } from '@glyph/node/model-io';
import sharp from 'sharp';
import {
  blankCanvas,
  cropDigit,
  randomStrokeStyle,
  stamp,
  strokeDigit,
  toDarkOnWhite,
} from '@glyph/core/written-lines';

const CANVAS = 280;
const CHUNK = 500;

export interface CanvasMnistResult {
  readonly model: string;
  readonly count: number;
  readonly seed: number;
  readonly rawAccuracy: number;
  readonly preprocessAccuracy: number;
  readonly naiveAccuracy: number;
  readonly emptyCount: number;
  readonly seconds: number;
}

/** Draws test digit `index` as a JPEG canvas, with random size, place, stroke weight and quality. */
export async function canvasJpeg(digit: Uint8Array, random: () => number): Promise<Uint8Array> {
  const crop = cropDigit(digit);
  const longer = Math.round(CANVAS * (0.3 + random() * 0.6));
  const scale = longer / Math.max(crop.width, crop.height);
  const style = randomStrokeStyle(random, longer);
  const glyph = strokeDigit(
    crop,
    Math.max(1, Math.round(crop.width * scale)),
    Math.max(1, Math.round(crop.height * scale)),
    style,
  );
  const canvas = blankCanvas(CANVAS, CANVAS);
  const left = Math.floor(random() * Math.max(1, CANVAS - glyph.width));
  const top = Math.floor(random() * Math.max(1, CANVAS - glyph.height));
  stamp(canvas, glyph, left, top);
  const quality = 50 + Math.floor(random() * 41);
  const raw = { width: CANVAS, height: CANVAS, channels: 1 as const };
  return new Uint8Array(await sharp(toDarkOnWhite(canvas), { raw }).jpeg({ quality }).toBuffer());
}

/** The seeds' path: luminance, invert, bilinear resize to 28×28, scale to [0,1]. */
function naiveInputs(images: readonly RawImage[]): Float32Array[] {
  return images.map((image) =>
    tf.tidy(() => {
      const gray = toLuminance(image);
      const inverted = tf.tensor3d(
        Float32Array.from(gray.data, (v) => 255 - v),
        [image.height, image.width, 1],
      );
      return tf.image.resizeBilinear(inverted, [28, 28]).div(255).dataSync() as Float32Array;
    }),
  );
}

function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

export async function runCanvasMnist(options: {
  model: string;
  count: number;
  seed: number;
  dataDir: string;
}): Promise<CanvasMnistResult> {
  const started = Date.now();
  const { model, metadata } = await loadModelFolder(options.model);
  const test = (await loadDataset('mnist:test', { dataDir: options.dataDir })).test;
  if (test === undefined) throw new Error('mnist:test is missing; set GLYPH_DATA_DIR or pass --data-dir');
  const labelOf = (index: number) => metadata.labels.indexOf(test.classNames[test.labels[index]]);
  const random = mulberry32(options.seed);
  const count = Math.min(options.count, test.count);
  let raw = 0,
    pre = 0,
    naive = 0,
    empty = 0;
  for (let start = 0; start < count; start += CHUNK) {
    const indices = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => start + k);
    const rawInputs = indices.map((i) => Float32Array.from(imageAt(test, i), (v) => v / 255));
    const images: RawImage[] = [];
    for (const i of indices) images.push(await decodeImage(await canvasJpeg(imageAt(test, i), random)));
    const prepared = images.map((image) => preprocess(image, metadata.preprocessing, metadata.input));
    const rows = await classifyBatch(
      model,
      [...rawInputs, ...prepared.map((p) => p.input), ...naiveInputs(images)],
      metadata.input,
    );
    indices.forEach((index, k) => {
      const truth = labelOf(index);
      if (argmax(rows[k]) === truth) raw++;
      if (prepared[k].empty) empty++;
      else if (argmax(rows[indices.length + k]) === truth) pre++;
      if (argmax(rows[2 * indices.length + k]) === truth) naive++;
    });
  }
  model.dispose();
  return {
    model: metadata.id,
    count,
    seed: options.seed,
    rawAccuracy: raw / count,
    preprocessAccuracy: pre / count,
    naiveAccuracy: naive / count,
    emptyCount: empty,
    seconds: (Date.now() - started) / 1000,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'models/digits' },
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      json: { type: 'boolean', default: false },
    },
  });
  await initEngine({ backend: values.backend });
  const result = await runCanvasMnist({
    model: values.model,
    count: Number(values.count),
    seed: Number(values.seed),
    dataDir: values['data-dir'] ?? resolveDataDir(),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  process.stdout.write(
    [
      `Canvas-like MNIST, model ${result.model}, ${result.count} test digits, seed ${result.seed} (${result.seconds.toFixed(0)} s)`,
      `  raw MNIST test images           ${pct(result.rawAccuracy)}`,
      `  canvases through preprocess     ${pct(result.preprocessAccuracy)}  (${result.emptyCount} read as no ink)`,
      `  canvases, naive invert+resize   ${pct(result.naiveAccuracy)}`,
      `  preprocess vs raw               ${((result.preprocessAccuracy - result.rawAccuracy) * 100).toFixed(2)} points`,
      '',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
