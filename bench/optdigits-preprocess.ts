// A quick diagnostic of preprocessing on tightly cut, very low-resolution digits: optdigits (8×8 cells,
// values 0..16, ink high, 43 writers Glyph never trained on), presented as a user would — scaled to
// 0..255, upscaled to `--size` px with nearest neighbour or bilinear, dark ink on light or light on
// dark. Reports per presentation how many come back "no ink" and the model's accuracy (no ink counts
// as wrong). With --mnist-cells N, also the first N MNIST test digits cut tight to their ink box,
// stretched into a 16×16 cell, binarized at ½ (--cell-threshold: lower is bolder) and upscaled ×4
// (the binarized-cell datasets' shape).
// Not the cross-dataset board: no tuning, no augmentation, one model.
// Run: npx tsx bench/optdigits-preprocess.ts [--model models/digits] [--size 32] [--mnist-cells 2000 --cell-threshold 0.5] [--json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { RawImage } from '@glyph/core';
import { imageAt } from '@glyph/core/data';
import { initEngine } from '@glyph/core/engine';
import { areaResize, preprocess } from '@glyph/core/preprocess';
import { classifyBatch } from '@glyph/core/recognize';
import { loadDataset, resolveDataDir } from '@glyph/node/datasets';
import { loadModelFolder } from '@glyph/node/model-io';
import { cropDigit, upscale, type Coverage } from '@glyph/core/written-lines';

const CELL = 8;

export interface OptdigitsRow {
  /** `side`×`side` values 0..16, row-major, ink high. */
  readonly cell: Uint8Array;
  readonly label: string;
  readonly side: number;
}

export interface PresentationResult {
  readonly presentation: string;
  readonly count: number;
  readonly noInk: number;
  readonly accuracy: number;
}

/** Reads `optdigits/digits.csv.gz`: one row per digit, 64 cell values then the label. */
export function readOptdigits(dataDir: string): OptdigitsRow[] {
  const path = join(dataDir, 'optdigits', 'digits.csv.gz');
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const values = line.split(',').map(Number);
      if (values.length !== CELL * CELL + 1 || values.some((v) => !Number.isInteger(v) || v < 0 || v > 16)) {
        throw new Error(`${path} line ${index + 1}: expected 64 values 0..16 and a label`);
      }
      return { cell: Uint8Array.from(values.slice(0, 64)), label: String(values[64]), side: CELL };
    });
}

type Resize = 'nearest' | 'bilinear';
type Style = 'dark-on-light' | 'light-on-dark';

/** The cell as ink coverage in [0,1], upscaled to `size`×`size`. */
function coverage(cell: Uint8Array, side: number, size: number, resize: Resize): Coverage {
  const plane = { data: Float32Array.from(cell, (v) => v / 16), width: side, height: side };
  if (resize === 'bilinear') return upscale(plane, size, size);
  const data = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    const sy = Math.floor((y * side) / size);
    for (let x = 0; x < size; x++) data[y * size + x] = plane.data[sy * side + Math.floor((x * side) / size)];
  }
  return { data, width: size, height: size };
}

/** One 8-bit gray image as a user would save it: ink as dark on light paper or light on dark. */
export function presentCell(
  cell: Uint8Array,
  size: number,
  resize: Resize,
  style: Style,
  side = CELL,
): RawImage {
  const ink = coverage(cell, side, size, resize);
  const data = Uint8Array.from(ink.data, (value) => {
    const level = Math.round(value * 255);
    return style === 'dark-on-light' ? 255 - level : level;
  });
  return { data, width: size, height: size, channels: 1 };
}

function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/**
 * MNIST test digits as binarized-cell datasets store them: cut tight to the ink box, stretched into
 * a 16×16 cell (area averaging), ink at or above `threshold` set to 16 (full), the rest 0.
 */
export async function readMnistCells(
  dataDir: string,
  count: number,
  threshold: number,
): Promise<OptdigitsRow[]> {
  const test = (await loadDataset('mnist:test', { dataDir })).test;
  if (test === undefined) throw new Error('mnist:test is missing; set GLYPH_DATA_DIR or pass --data-dir');
  return Array.from({ length: Math.min(count, test.count) }, (_, index) => {
    const cell = areaResize(cropDigit(imageAt(test, index)), 16, 16);
    return {
      cell: Uint8Array.from(cell.data, (ink) => (ink >= threshold ? 16 : 0)),
      label: test.classNames[test.labels[index]],
      side: 16,
    };
  });
}

type LoadedModel = Awaited<ReturnType<typeof loadModelFolder>>;

async function runPresentation(
  loaded: LoadedModel,
  rows: readonly OptdigitsRow[],
  presentation: string,
  present: (row: OptdigitsRow) => RawImage,
): Promise<PresentationResult> {
  const { model, metadata } = loaded;
  const prepared = rows.map((row) => preprocess(present(row), metadata.preprocessing, metadata.input));
  const scores = await classifyBatch(
    model,
    prepared.map((p) => p.input),
    metadata.input,
  );
  let right = 0;
  let noInk = 0;
  prepared.forEach((p, k) => {
    if (p.empty) noInk++;
    else if (metadata.labels[argmax(scores[k])] === rows[k].label) right++;
  });
  return { presentation, count: rows.length, noInk, accuracy: right / rows.length };
}

export async function runOptdigits(options: {
  model: string;
  size: number;
  dataDir: string;
  mnistCells: number;
  cellThreshold: number;
}): Promise<PresentationResult[]> {
  const loaded = await loadModelFolder(options.model);
  const sets: [string, OptdigitsRow[], number][] = [
    ['optdigits', readOptdigits(options.dataDir), options.size],
  ];
  if (options.mnistCells > 0) {
    const cells = await readMnistCells(options.dataDir, options.mnistCells, options.cellThreshold);
    sets.push([`MNIST 16×16 binarized at ${options.cellThreshold}`, cells, 64]);
  }
  const results: PresentationResult[] = [];
  try {
    for (const [name, rows, size] of sets) {
      for (const resize of ['nearest', 'bilinear'] as const) {
        for (const style of ['dark-on-light', 'light-on-dark'] as const) {
          const presentation = `${name} ${size}px ${resize} ${style}`;
          results.push(
            await runPresentation(loaded, rows, presentation, (row) =>
              presentCell(row.cell, size, resize, style, row.side),
            ),
          );
        }
      }
    }
  } finally {
    loaded.model.dispose();
  }
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'models/digits' },
      size: { type: 'string', default: '32' },
      'mnist-cells': { type: 'string', default: '0' },
      'cell-threshold': { type: 'string', default: '0.5' },
      'data-dir': { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      json: { type: 'boolean', default: false },
    },
  });
  const size = Number(values.size);
  const mnistCells = Number(values['mnist-cells']);
  if (!Number.isInteger(size) || size < CELL) {
    throw new Error(`--size must be an integer ≥ ${CELL}, got ${values.size}`);
  }
  if (!(Number(values['cell-threshold']) > 0 && Number(values['cell-threshold']) <= 1)) {
    throw new Error(`--cell-threshold must be in (0, 1], got ${values['cell-threshold']}`);
  }
  if (!Number.isInteger(mnistCells) || mnistCells < 0) {
    throw new Error(`--mnist-cells must be a count ≥ 0, got ${values['mnist-cells']}`);
  }
  await initEngine({ backend: values.backend });
  const dataDir = resolveDataDir(values['data-dir']);
  const cellThreshold = Number(values['cell-threshold']);
  const results = await runOptdigits({ model: values.model, size, dataDir, mnistCells, cellThreshold });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ model: values.model, results })}\n`);
    return;
  }
  process.stdout.write(`Tightly cut low-resolution digits through preprocess, model ${values.model}\n`);
  for (const r of results) {
    const accuracy = `${(r.accuracy * 100).toFixed(2)}%`;
    const counts = `${String(r.count).padStart(5)}  no ink ${String(r.noInk).padStart(4)}`;
    process.stdout.write(`  ${r.presentation.padEnd(56)} ${counts}  accuracy ${accuracy}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
