// Calibration and "not a character" measured on data the calibration never saw: the model's test
// split (28×28 images through `preprocess`, and for digit models MNIST test digits redrawn as canvases
// the way bench/canvas-mnist.ts draws them), two test digits side by side in single-character mode,
// and generated dots, lines and scribbles of a seed the fit did not use. Also ECE (15 bins) on the
// test split before and after temperature scaling.
// Run: npx tsx bench/calibration.ts [--model models/digits] [--count 10000] [--seed 2001] [--json]
import { parseArgs } from 'node:util';
import type { RawImage } from '@glyph/core';
import { applyTemperature, drawNonCharacter, NON_CHARACTER_KINDS } from '@glyph/core/calibration';
import { imageAt, mulberry32, type LabeledImages } from '@glyph/core/data';
import { evaluateModel, mapClassesToLabels } from '@glyph/core/evaluate';
import { calibrationError } from '@glyph/core/metrics';
import type { Recognition, Recognizer } from '@glyph/core/recognize';
import { loadDataset, resolveDataDir } from '@glyph/node/datasets';
import { decodeImage } from '@glyph/node/image';
import { initNodeEngine } from '@glyph/node/engine';
import { loadModelFolder } from '@glyph/node/model-io';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import {
  blankCanvas,
  cropDigit,
  randomStrokeStyle,
  stamp,
  strokeDigit,
  toDarkOnWhite,
} from '@glyph/core/written-lines';
import { canvasJpeg } from './canvas-mnist';

const CHUNK = 250;

type Tally = Record<string, number> & { n: number };

function tally(answers: readonly Recognition[], into: Tally): void {
  for (const answer of answers) {
    into.n++;
    const key = answer.empty ? 'empty' : (answer.rejected?.reason ?? 'accepted');
    into[key] = (into[key] ?? 0) + 1;
  }
}

async function inChunks(
  recognizer: Recognizer,
  count: number,
  make: (index: number) => Promise<RawImage> | RawImage,
): Promise<Tally> {
  const result = { n: 0 } as Tally;
  for (let start = 0; start < count; start += CHUNK) {
    const images: RawImage[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) images.push(await make(i));
    tally(await recognizer.recognizeBatch(images, { top: 1 }), result);
  }
  return result;
}

const gray = (data: Uint8Array, width: number, height: number): RawImage => ({
  data,
  width,
  height,
  channels: 1,
});

/** Two test digits side by side on one canvas, each drawn like a person's stroke. */
function pairCanvas(test: LabeledImages, a: number, b: number, random: () => number): RawImage {
  const height = 200 + Math.round(random() * 80);
  const crops = [cropDigit(imageAt(test, a)), cropDigit(imageAt(test, b))];
  const glyphs = crops.map((crop) => {
    const scale = (height * (0.55 + random() * 0.25)) / crop.height;
    return strokeDigit(
      crop,
      Math.max(1, Math.round(crop.width * scale)),
      Math.round(crop.height * scale),
      randomStrokeStyle(random, height),
    );
  });
  const gap = Math.round(height * (0.05 + random() * 0.15));
  const width = glyphs[0].width + glyphs[1].width + gap + 40;
  const canvas = blankCanvas(width, height);
  stamp(canvas, glyphs[0], 20, Math.floor((height - glyphs[0].height) / 2));
  stamp(canvas, glyphs[1], 20 + glyphs[0].width + gap, Math.floor((height - glyphs[1].height) / 2));
  return gray(toDarkOnWhite(canvas), width, height);
}

async function testEce(folder: string, test: LabeledImages, temperature: number) {
  const { model, metadata } = await loadModelFolder(folder);
  try {
    const classMap = mapClassesToLabels(test.classNames, metadata.labels);
    const outcomes = await evaluateModel(model, test, {
      classMap,
      keepProbabilities: true,
    });
    const units = metadata.labels.length;
    const correct = Array.from(outcomes.predictedClasses, (p, i) => p === outcomes.trueClasses[i]);
    const calibrated = Array.from({ length: test.count }, (_, i) =>
      Math.max(
        ...applyTemperature(outcomes.probabilities!.subarray(i * units, (i + 1) * units), temperature),
      ),
    );
    return {
      accuracy: correct.filter(Boolean).length / test.count,
      eceBefore: calibrationError(outcomes.confidences, correct).ece,
      eceAfter: calibrationError(calibrated, correct).ece,
    };
  } finally {
    model.dispose();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'models/digits' },
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '2001' },
      generated: { type: 'string', default: '3000' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  await initNodeEngine({ backend: 'wasm' });
  const folder = values.model!;
  const recognizer = await loadRecognizerFromFolder(folder);
  const { metadata, calibration } = recognizer;
  if (!calibration)
    throw new Error(`${folder} has no calibration.json for this model; run glyph calibrate first`);
  const dataDir = values['data-dir'] ?? resolveDataDir();
  const training = metadata.training as Record<string, unknown>;
  const digits = metadata.labels.length === 10;
  const spec = digits ? 'mnist:test' : String(training.dataset ?? metadata.dataset.name).split('+')[0];
  const holdout = metadata.dataset.holdout?.fraction;
  const loaded = await loadDataset(spec, { dataDir, ...(holdout !== undefined && !digits && { holdout }) });
  const test = loaded.test!;
  const count = Math.min(Number(values.count), test.count);
  const seed = Number(values.seed);
  const random = mulberry32(seed);
  const result: Record<string, unknown> = { model: folder, test: test.name, count, seed };
  result.ece = await testEce(folder, test, calibration.temperature);
  result.testImages = await inChunks(recognizer, count, (i) =>
    gray(imageAt(test, i), test.width, test.height),
  );
  if (digits) {
    result.canvases = await inChunks(recognizer, count, async (i) =>
      decodeImage(await canvasJpeg(imageAt(test, i), random)),
    );
    result.pairs = await inChunks(recognizer, 1000, () =>
      pairCanvas(test, Math.floor(random() * test.count), Math.floor(random() * test.count), random),
    );
  }
  const generated = Number(values.generated);
  const kinds: Record<string, Tally> = {};
  for (const kind of NON_CHARACTER_KINDS) {
    kinds[kind] = await inChunks(recognizer, Math.round(generated / 3), () => drawNonCharacter(kind, random));
  }
  result.generated = kinds;
  recognizer.dispose();
  if (values.json) {
    console.log(JSON.stringify(result, null, 1));
    return;
  }
  const rate = (t: Tally, ...keys: string[]) => {
    const n = t.n - (t.empty ?? 0);
    return `${((keys.reduce((s, k) => s + (t[k] ?? 0), 0) / Math.max(1, n)) * 100).toFixed(2)}%`;
  };
  const rejected = ['not-a-character', 'several-characters', 'uncertain'];
  const ece = result.ece as { accuracy: number; eceBefore: number; eceAfter: number };
  const lines = [
    `${metadata.id} (temperature ${calibration.temperature.toFixed(3)}), ${test.name}, ${count} images, seed ${seed}`,
    `  ECE (15 bins) on the test split: ${(ece.eceBefore * 100).toFixed(2)}% -> ${(ece.eceAfter * 100).toFixed(2)}%, accuracy ${(ece.accuracy * 100).toFixed(2)}%`,
    `  test images rejected: ${rate(result.testImages as Tally, ...rejected)} (not a character ${rate(result.testImages as Tally, 'not-a-character')}, several ${rate(result.testImages as Tally, 'several-characters')}, unsure ${rate(result.testImages as Tally, 'uncertain')})`,
  ];
  if (digits) {
    const canvases = result.canvases as Tally;
    const pairs = result.pairs as Tally;
    lines.push(
      `  canvas digits rejected: ${rate(canvases, ...rejected)} (not a character ${rate(canvases, 'not-a-character')}, several ${rate(canvases, 'several-characters')}, unsure ${rate(canvases, 'uncertain')})`,
      `  two digits side by side: several characters ${rate(pairs, 'several-characters')}, any rejection ${rate(pairs, ...rejected)}`,
    );
  }
  let all = { n: 0 } as Tally;
  for (const kind of NON_CHARACTER_KINDS) {
    const t = kinds[kind];
    lines.push(`  ${kind}s rejected: ${rate(t, ...rejected)} (${t.n - (t.empty ?? 0)} with ink)`);
    all = Object.fromEntries(
      [...new Set([...Object.keys(all), ...Object.keys(t)])].map((k) => [k, (all[k] ?? 0) + (t[k] ?? 0)]),
    ) as Tally;
  }
  lines.push(`  dots+lines+scribbles rejected: ${rate(all, ...rejected)}`);
  console.log(lines.join('\n'));
}

await main();
