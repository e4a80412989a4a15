// Teaching checks, on the code the browser's Teach view runs (@glyph/core/teach, wasm backend):
// 1. a new 4-symbol model (✓ ✗ △ ○) from 10 drawings each, on the shipped digits' features (and from
//    scratch): training seconds, accuracy on 40 new drawings;
// 2. personalization of the shipped digits model with 20 corrections in a boxy hand it misreads:
//    new boxy drawings before/after, and the official MNIST test split before/after.
// Run: GLYPH_DATA_DIR=/work/shared/datasets npx tsx bench/teach-check.ts [--model models/digits]
//      [--rehearsal-per-class 20 | --rehearsal-from-folder] [--no-scratch] [--json]
// --rehearsal-from-folder uses the model folder's shipped rehearsal.json + rehearsal.bin (what the
// browser uses) instead of drawing a fresh set from mnist:train.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import type { LabeledImages, RawImage } from '@glyph/core';
import { initEngine } from '@glyph/core/engine';
import type { ModelMetadata } from '@glyph/core/model';
import { drawStrokes, preprocess } from '@glyph/core/preprocess';
import { classifyBatch } from '@glyph/core/recognize';
import {
  parseRehearsalSet,
  personalize,
  pickRehearsalImages,
  REHEARSAL_BIN_FILE,
  REHEARSAL_JSON_FILE,
  teachClassifier,
  type TeachSample,
} from '@glyph/core/teach';
import { evaluateModel, summarizeOutcomes } from '@glyph/core/evaluate';
import { loadDataset, resolveDataDir } from '@glyph/node/datasets';
import { loadModelFolder } from '@glyph/node/model-io';
import { boxyDigitDrawings, boxyDigitLabels, boxyStyleDigits } from '@glyph/testkit/boxy-digits';
import type { Glyph } from '@glyph/testkit/strokes';
import { symbolDrawings, symbolLabels, symbolPenWidthPx } from '@glyph/testkit/symbol-strokes';

/** The drawing surface (CSS px) and the web app's recognised raster (longer side 280 px). */
const surface = { width: 400, height: 400 };
const rasterSide = 280;

function rasterize(glyph: Glyph): RawImage {
  const scale = rasterSide / Math.max(surface.width, surface.height);
  const strokes = glyph.map((stroke) => ({
    points: stroke.map((p) => [p.x * scale, p.y * scale] as [number, number]),
    width: symbolPenWidthPx * scale,
  }));
  return drawStrokes(strokes, { width: rasterSide, height: rasterSide });
}

interface Drawing {
  readonly label: string;
  readonly strokes: Glyph;
}

/** Top-1 label of every drawing through `metadata`'s preprocessing. */
async function read(
  model: tf.LayersModel,
  metadata: ModelMetadata,
  drawings: readonly Drawing[],
): Promise<string[]> {
  const inputs = drawings.map(
    (d) => preprocess(rasterize(d.strokes), metadata.preprocessing, metadata.input).input,
  );
  const rows = await classifyBatch(model, inputs, metadata.input);
  return rows.map((row) => metadata.labels[row.indexOf(Math.max(...row))]);
}

function rightCount(
  drawings: readonly Drawing[],
  answers: readonly string[],
  labels?: readonly string[],
): number {
  return drawings.filter((d, i) => (!labels || labels.includes(d.label)) && answers[i] === d.label).length;
}

/** The model folder's shipped rehearsal set, read and checked as the browser's worker does. */
async function folderRehearsal(folder: string, metadata: ModelMetadata): Promise<LabeledImages> {
  const json: unknown = JSON.parse(await readFile(path.join(folder, REHEARSAL_JSON_FILE), 'utf8'));
  const bytes = new Uint8Array(await readFile(path.join(folder, REHEARSAL_BIN_FILE)));
  return parseRehearsalSet(json, bytes, metadata, folder);
}

async function symbolsCheck(base: { model: tf.LayersModel; metadata: ModelMetadata } | undefined) {
  const toSample = (d: Drawing): TeachSample => ({ label: d.label, image: rasterize(d.strokes) });
  const train = symbolDrawings(1, 10, surface).map(toSample);
  const test = symbolDrawings(2, 10, surface);
  const started = performance.now();
  const taught = await teachClassifier(train, {
    id: 'symbols',
    name: 'Symbols',
    labels: [...symbolLabels],
    ...(base && { base }),
    seed: 1,
  });
  const seconds = (performance.now() - started) / 1000;
  const answers = await read(taught.model, taught.metadata, test);
  taught.model.dispose();
  return {
    from: base ? base.metadata.id : 'scratch',
    seconds,
    epochs: taught.history.length,
    holdoutAccuracy: taught.report.accuracy,
    holdoutCount: taught.report.n,
    newDrawings: test.length,
    newAccuracy: rightCount(test, answers) / test.length,
    misread: test.flatMap((d, i) => (answers[i] === d.label ? [] : [`${d.label}→${answers[i]}`])),
  };
}

async function personalizeCheck(
  base: { model: tf.LayersModel; metadata: ModelMetadata },
  mnistTest: LabeledImages,
  rehearsal: LabeledImages | undefined,
) {
  const style = [...boxyStyleDigits];
  const corrections = boxyDigitDrawings(11, Math.ceil(20 / style.length), surface, style)
    .slice(0, 20)
    .map((d): TeachSample => ({ label: d.label, image: rasterize(d.strokes) }));
  const test = boxyDigitDrawings(12, 10, surface);
  const perDigit = (answers: readonly string[]) =>
    Object.fromEntries(boxyDigitLabels.map((label) => [label, rightCount(test, answers, [label])]));
  const beforeAnswers = await read(base.model, base.metadata, test);
  const started = performance.now();
  const result = await personalize(base, corrections, { seed: 1, ...(rehearsal && { rehearsal }) });
  const seconds = (performance.now() - started) / 1000;
  const afterAnswers = await read(result.model, result.metadata, test);
  const mnistAfter = summarizeOutcomes(await evaluateModel(result.model, mnistTest));
  result.model.dispose();
  return {
    rehearsal: rehearsal?.count ?? 0,
    seconds,
    corrections: { before: result.before, after: result.after },
    styleDigits: style,
    newStyleDrawings: style.length * 10,
    styleBefore: rightCount(test, beforeAnswers, style),
    styleAfter: rightCount(test, afterAnswers, style),
    boxyPerDigitBefore: perDigit(beforeAnswers),
    boxyPerDigitAfter: perDigit(afterAnswers),
    mnistAfter: mnistAfter.accuracy,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'models/digits' },
      'rehearsal-per-class': { type: 'string', default: '20' },
      'rehearsal-from-folder': { type: 'boolean', default: false },
      'no-scratch': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const engine = await initEngine({ backend: 'wasm' });
  const dataDir = values['data-dir'] ?? resolveDataDir();
  const base = await loadModelFolder(values.model);
  const baseModel = { model: base.model, metadata: base.metadata };
  const tensorsBefore = tf.memory().numTensors;
  const symbols = [
    await symbolsCheck(baseModel),
    ...(values['no-scratch'] ? [] : [await symbolsCheck(undefined)]),
  ];
  const mnist = await loadDataset('mnist', { dataDir });
  if (mnist.test === undefined || mnist.train === undefined) throw new Error('mnist needs both splits');
  const mnistBefore = summarizeOutcomes(await evaluateModel(base.model, mnist.test)).accuracy;
  const perClass = Number(values['rehearsal-per-class']);
  // `perClass` seeded images of every class of MNIST's TRAINING split (never the test split).
  const rehearsal = values['rehearsal-from-folder']
    ? await folderRehearsal(values.model, base.metadata)
    : perClass > 0
      ? pickRehearsalImages(mnist.train, perClass, 5)
      : undefined;
  const personalization = [await personalizeCheck(baseModel, mnist.test, rehearsal)];
  if (rehearsal) personalization.push(await personalizeCheck(baseModel, mnist.test, undefined));
  const baseUnchanged =
    summarizeOutcomes(await evaluateModel(base.model, mnist.test)).accuracy === mnistBefore;
  const leaked = tf.memory().numTensors - tensorsBefore;
  base.model.dispose();
  const rehearsalSource = rehearsal?.name ?? 'none';
  const result = {
    engine,
    symbols,
    mnistBefore,
    rehearsalSource,
    personalization,
    baseUnchanged,
    leakedTensors: leaked,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = [
    `Teach check (${engine.backend}${engine.wasmSimd ? ' simd' : ''}, threads ${engine.threads ?? 1})`,
  ];
  for (const s of symbols) {
    lines.push(
      `  symbols from ${s.from}: ${s.seconds.toFixed(1)} s (${s.epochs} epochs), held-out ${pct(s.holdoutAccuracy)} of ${s.holdoutCount}, ` +
        `${pct(s.newAccuracy)} of ${s.newDrawings} new drawings${s.misread.length ? ` (misread ${s.misread.join(' ')})` : ''}`,
    );
  }
  lines.push(`  MNIST test (10k official split), shipped ${values.model}: ${pct(mnistBefore)}`);
  lines.push(
    `  rehearsal set: ${rehearsalSource}${values['rehearsal-from-folder'] ? ` (${values.model}/${REHEARSAL_JSON_FILE})` : ''}`,
  );
  for (const p of personalization) {
    const delta = ((p.mnistAfter - mnistBefore) * 100).toFixed(2);
    lines.push(
      `  personalize with 20 boxy corrections (${p.styleDigits.join('/')}), rehearsal ${p.rehearsal}: ${p.seconds.toFixed(1)} s; ` +
        `corrections ${p.corrections.before.correct}→${p.corrections.after.correct}/${p.corrections.after.total}; ` +
        `new boxy ${p.styleDigits.join('/')} ${p.styleBefore}→${p.styleAfter}/${p.newStyleDrawings}; MNIST ${pct(p.mnistAfter)} (${delta} points)`,
      `    boxy per digit (of 10) before ${JSON.stringify(p.boxyPerDigitBefore)}`,
      `    boxy per digit (of 10) after  ${JSON.stringify(p.boxyPerDigitAfter)}`,
    );
  }
  lines.push(`  base model unchanged: ${baseUnchanged}; tensors left over: ${leaked}`, '');
  process.stdout.write(lines.join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
