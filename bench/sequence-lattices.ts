// Candidate lattices of generated number lines (see bench/sequences.ts), saved with every candidate's
// class probabilities so the sequence scorer can be fitted and compared offline
// (bench/fit-sequence-scorer.ts) without running the model again. Lines drawn from MNIST's
// training digits are for fitting; lines from test digits only for checking.
// Run: npx tsx bench/sequence-lattices.ts --split train --count 3000 --seed 11 --out lattices.json
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { mulberry32 } from '@glyph/core/data';
import { initEngine } from '@glyph/core/engine';
import { applyCharsetMask, charsetMask, classifyBatch } from '@glyph/core/recognize';
import { DIGIT_SPLIT, preprocessSequence, type SequenceCharacterInput } from '@glyph/core/segment';
import { loadDataset, resolveDataDir } from '@glyph/node/datasets';
import { loadModelFolder } from '@glyph/node/model-io';
import { writeNumber } from './sequences';

/** One candidate character: its box in image pixels, masked class probabilities and cut seams. */
export interface SavedCandidate {
  readonly box: readonly [number, number, number, number];
  readonly row: readonly number[];
  readonly seams?: readonly (readonly [number, number])[];
}

/** One line's lattice, shaped like `SequencePreprocessResult` with candidates by index. */
export interface SavedLattice {
  readonly text: string;
  readonly lineHeight: number;
  readonly typicalWidth: number;
  readonly candidates: readonly SavedCandidate[];
  /** Per position, its readings as candidate indices; `[0]` is the whole ink. */
  readonly positions: readonly (readonly (readonly number[])[])[];
  /** `[first, candidate]`: positions first and first + 1 read as one character. */
  readonly joins: readonly (readonly [number, number])[];
}

export interface SavedLattices {
  readonly model: string;
  readonly split: 'train' | 'test';
  readonly seed: number;
  readonly labels: readonly string[];
  readonly lines: readonly SavedLattice[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'models/digits' },
      split: { type: 'string', default: 'train' },
      count: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '11' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.out === undefined) throw new Error('--out <file.json> is required');
  const split = values.split === 'test' ? 'test' : 'train';
  await initEngine({ backend: 'wasm' });
  const { model, metadata } = await loadModelFolder(values.model);
  const dataset = await loadDataset(`mnist:${split}`, { dataDir: values['data-dir'] ?? resolveDataDir() });
  const digits = dataset[split];
  if (digits === undefined) throw new Error(`mnist:${split} is missing; set GLYPH_DATA_DIR`);
  const mask = charsetMask(metadata.labels, 'digits');
  const random = mulberry32(Number(values.seed));
  const lines: SavedLattice[] = [];
  for (let n = 0; n < Number(values.count); n++) {
    const written = writeNumber(digits, 3 + Math.floor(random() * 6), random);
    const prepared = preprocessSequence(written.image, metadata.preprocessing, metadata.input, DIGIT_SPLIT);
    const distinct = [
      ...new Set([
        ...prepared.positions.flatMap((position) => position.readings.flat()),
        ...prepared.joins.map((join) => join.character),
      ]),
    ];
    const rows = await classifyBatch(
      model,
      distinct.map((c) => c.input),
      metadata.input,
    );
    const index = new Map<SequenceCharacterInput, number>(distinct.map((c, i) => [c, i]));
    lines.push({
      text: written.text,
      lineHeight: prepared.lineHeight,
      typicalWidth: prepared.typicalWidth,
      candidates: distinct.map((c, i) => ({
        box: [c.box.x, c.box.y, c.box.width, c.box.height],
        row: Array.from(applyCharsetMask(rows[i], mask), (p) => Number(p.toPrecision(9))),
        ...(c.seams
          ? { seams: c.seams.map((s) => [s.strokes, Number(s.inkShare.toFixed(4))] as const) }
          : {}),
      })),
      positions: prepared.positions.map((p) => p.readings.map((r) => r.map((c) => index.get(c) as number))),
      joins: prepared.joins.map((j) => [j.first, index.get(j.character) as number] as const),
    });
  }
  model.dispose();
  const saved: SavedLattices = {
    model: metadata.id,
    split,
    seed: Number(values.seed),
    labels: metadata.labels,
    lines,
  };
  await writeFile(values.out, JSON.stringify(saved));
  process.stdout.write(`${lines.length} lines → ${values.out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
