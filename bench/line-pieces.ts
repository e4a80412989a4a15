// Digits as the sequence reader sees them: lines written from MNIST *training* digits (the writer of
// bench/sequences.ts), segmented by `segmentLine`, and every candidate piece — a whole component, a
// piece cut out of touching digits — that matches one written digit saved as a labelled PNG, so a
// digits model can be fine-tuned on them beside MNIST (`--dataset mnist+folder:<out>`). Pieces that
// match no single digit (a half, two digits together) are not saved: they have no label.
// Run: npx tsx bench/line-pieces.ts --lines 6000 --seed 21 --out data/line-pieces
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { mulberry32 } from '@glyph/core/data';
import {
  areaResize,
  cropInk,
  extractInk,
  fitLongerSide,
  type FloatPlane,
  type PixelBox,
} from '@glyph/core/preprocess';
import { DIGIT_SPLIT, segmentLine, type CharacterSegment } from '@glyph/core/segment';
import { loadDataset, resolveDataDir } from '@glyph/node/datasets';
import { writeNumber } from './sequences';

/** A whole component is the digit it overlaps this much (intersection over union of the boxes). */
const WHOLE_IOU = 0.7;
/**
 * Cut pieces must match closer, and only the best cut of each digit is kept: teaching the model to
 * read a badly cut digit as the digit would make it confident on wrong cuts, which the sequence
 * scorer relies on it not to be.
 */
const CUT_IOU = 0.85;
/** Every piece is saved on a white square this size, its longer side scaled to `INK_SIDE`. */
const SIDE = 80;
const INK_SIDE = 72;

export interface LinePiece {
  readonly label: string;
  /** The piece alone, dark on white, `SIDE`×`SIDE`. */
  readonly pixels: Uint8Array;
  readonly cut: boolean;
}

/**
 * The labelled pieces of one line: per written digit, the whole component that matches it and the
 * best cut piece that matches it closely.
 */
export function labelledPieces(
  image: Parameters<typeof extractInk>[0],
  text: string,
  boxes: readonly PixelBox[],
): LinePiece[] {
  const extraction = extractInk(image);
  if (extraction === undefined) return [];
  const line = segmentLine(extraction, DIGIT_SPLIT);
  const best = new Map<string, { segment: CharacterSegment; overlap: number }>();
  for (const segment of new Set(line.positions.flatMap((position) => position.readings.flat()))) {
    const box = scaleBox(segment.box, extraction.scale);
    const overlaps = boxes.map((digit) => iou(box, digit));
    const digit = overlaps.indexOf(Math.max(...overlaps));
    const cut = segment.seams !== undefined;
    if (overlaps[digit] < (cut ? CUT_IOU : WHOLE_IOU)) continue;
    const key = `${digit}${cut ? '-cut' : ''}`;
    const known = best.get(key);
    if (known === undefined || overlaps[digit] > known.overlap)
      best.set(key, { segment, overlap: overlaps[digit] });
  }
  return [...best.entries()].map(([key, { segment }]) => ({
    label: text[Number.parseInt(key, 10)],
    pixels: onWhiteSquare(cropInk(extraction.ink, segment.box, extraction.components.labels, segment.labels)),
    cut: segment.seams !== undefined,
  }));
}

function scaleBox(box: PixelBox, scale: number): PixelBox {
  return { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
}

function iou(a: PixelBox, b: PixelBox): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (width <= 0 || height <= 0) return 0;
  const inter = width * height;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** The ink plane, shrunk (aspect kept) to fit `INK_SIDE`, centred on a white `SIDE` square. */
function onWhiteSquare(crop: FloatPlane): Uint8Array {
  const size = fitLongerSide(crop.width, crop.height, Math.min(INK_SIDE, Math.max(crop.width, crop.height)));
  const fitted = areaResize(crop, size.width, size.height);
  const out = new Uint8Array(SIDE * SIDE).fill(255);
  const left = Math.floor((SIDE - fitted.width) / 2);
  const top = Math.floor((SIDE - fitted.height) / 2);
  for (let y = 0; y < fitted.height; y++) {
    for (let x = 0; x < fitted.width; x++) {
      const ink = Math.min(1, Math.max(0, fitted.data[y * fitted.width + x]));
      out[(top + y) * SIDE + left + x] = 255 - Math.round(ink * 255);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '6000' },
      seed: { type: 'string', default: '21' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.out === undefined) throw new Error('--out <folder> is required');
  const train = (await loadDataset('mnist:train', { dataDir: values['data-dir'] ?? resolveDataDir() })).train;
  if (train === undefined) throw new Error('mnist:train is missing; set GLYPH_DATA_DIR');
  for (const label of train.classNames) await mkdir(join(values.out, label), { recursive: true });
  const random = mulberry32(Number(values.seed));
  const lines = Number(values.lines);
  let saved = 0,
    cut = 0;
  for (let n = 0; n < lines; n++) {
    const written = writeNumber(train, 3 + Math.floor(random() * 6), random);
    const pieces = labelledPieces(written.image, written.text, written.boxes);
    for (const [k, piece] of pieces.entries()) {
      const png = await sharp(piece.pixels, { raw: { width: SIDE, height: SIDE, channels: 1 } })
        .png()
        .toBuffer();
      const name = `${String(n).padStart(6, '0')}-${k}${piece.cut ? '-cut' : ''}.png`;
      await writeFile(join(values.out, piece.label, name), png);
      saved++;
      if (piece.cut) cut++;
    }
    if ((n + 1) % 500 === 0) process.stderr.write(`${n + 1}/${lines} lines, ${saved} pieces\n`);
  }
  process.stdout.write(
    `${saved} pieces (${cut} cut from touching digits) from ${lines} lines → ${values.out}\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
