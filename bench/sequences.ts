// Sequences: numbers of 3–8 MNIST test digits written in a line (`writeNumber`: random sizes, gaps,
// baseline wobble and slight overlaps, so some digits touch), read by `recognizeSequence` with the
// digits charset; each model reads with its own sequence scorer.
// Run: npx tsx bench/sequences.ts [--model models/digits] [--count 1000] [--seed 1]
// [--strokes varied|as-written] [--json]
import { parseArgs } from 'node:util';
import { mulberry32 } from '@glyph/core/data';
import { initEngine } from '@glyph/core/engine';
import { editDistance } from '@glyph/core/metrics';
import { writeNumber, type StrokeKind } from '@glyph/core/written-lines';
import { loadDataset, resolveDataDir } from '@glyph/node/datasets';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';

export interface SequencesResult {
  readonly model: string;
  readonly count: number;
  readonly seed: number;
  readonly strokes: StrokeKind;
  /** Share of numbers read exactly. */
  readonly numberAccuracy: number;
  /** 1 − (edit distance / digits), summed over all numbers. */
  readonly digitAccuracy: number;
  /** Share of numbers read with the right count of digits. */
  readonly lengthAccuracy: number;
  readonly touchingShare: number;
  readonly seconds: number;
}

export async function runSequences(options: {
  model: string;
  count: number;
  seed: number;
  strokes?: StrokeKind;
  dataDir: string;
}): Promise<SequencesResult> {
  const started = Date.now();
  const recognizer = await loadRecognizerFromFolder(options.model);
  const test = (await loadDataset('mnist:test', { dataDir: options.dataDir })).test;
  if (test === undefined) throw new Error('mnist:test is missing; set GLYPH_DATA_DIR or pass --data-dir');
  const random = mulberry32(options.seed);
  const strokes = options.strokes ?? 'varied';
  let exact = 0,
    digits = 0,
    errors = 0,
    rightLength = 0,
    touching = 0;
  for (let n = 0; n < options.count; n++) {
    const written = writeNumber(test, 3 + Math.floor(random() * 6), random, strokes);
    const read = await recognizer.recognizeSequence(written.image, { charset: 'digits', top: 1 });
    if (read.text === written.text) exact++;
    if (read.text.length === written.text.length) rightLength++;
    if (written.overlapping) touching++;
    digits += written.text.length;
    errors += Math.min(written.text.length, editDistance(read.text, written.text));
  }
  recognizer.dispose();
  return {
    model: recognizer.metadata.id,
    count: options.count,
    seed: options.seed,
    strokes,
    numberAccuracy: exact / options.count,
    digitAccuracy: 1 - errors / digits,
    lengthAccuracy: rightLength / options.count,
    touchingShare: touching / options.count,
    seconds: (Date.now() - started) / 1000,
  };
}

function strokeKind(value: string): StrokeKind {
  if (value === 'varied' || value === 'as-written') return value;
  throw new Error(`--strokes must be varied or as-written, got ${value}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'models/digits' },
      count: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      strokes: { type: 'string', default: 'varied' },
      'data-dir': { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      json: { type: 'boolean', default: false },
    },
  });
  await initEngine({ backend: values.backend });
  const result = await runSequences({
    model: values.model,
    count: Number(values.count),
    seed: Number(values.seed),
    strokes: strokeKind(values.strokes),
    dataDir: values['data-dir'] ?? resolveDataDir(),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  process.stdout.write(
    [
      `Sequences, model ${result.model}, ${result.count} numbers of 3–8 digits, seed ${result.seed}, ${result.strokes} strokes (${result.seconds.toFixed(0)} s)`,
      `  whole numbers read exactly   ${pct(result.numberAccuracy)}`,
      `  digits (1 − edit distance)   ${pct(result.digitAccuracy)}`,
      `  right number of digits       ${pct(result.lengthAccuracy)}`,
      `  numbers with overlapping neighbours: ${pct(result.touchingShare)}`,
      '',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
