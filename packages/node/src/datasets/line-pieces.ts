import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { GlyphError } from '@glyph/core';
import { mulberry32 } from '@glyph/core/data';
import { labelledPieces, LINE_PIECE_SIDE, writeNumber } from '@glyph/core/written-lines';
import { loadDataset } from './load-dataset';

export interface LinePiecesOptions {
  /** Lines of 3–8 MNIST training digits, written with the `varied` pens. */
  readonly lines: number;
  readonly seed: number;
  readonly dataDir: string;
  /** Receives `<digit>/<line>-<k>[-cut].png`. */
  readonly out: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LinePiecesResult {
  readonly out: string;
  readonly pieces: number;
  /** Of them, pieces cut out of touching digits. */
  readonly cut: number;
}

/**
 * A folder dataset of digits as the sequence reader sees them (`labelledPieces`): lines written from
 * MNIST *training* digits, segmented, and every candidate piece that matches one written digit saved
 * as a labelled PNG, so a digits model can be fine-tuned on them beside MNIST
 * (`--dataset mnist+folder:<out>`).
 */
export async function writeLinePieces(options: LinePiecesOptions): Promise<LinePiecesResult> {
  const train = (await loadDataset('mnist:train', { dataDir: options.dataDir })).train;
  if (train === undefined) {
    throw new GlyphError(
      'DATASET_MISSING',
      `mnist:train is not in ${options.dataDir}. Run \`glyph data download mnist\` or pass --data-dir.`,
    );
  }
  for (const label of train.classNames) await mkdir(join(options.out, label), { recursive: true });
  const random = mulberry32(options.seed);
  let pieces = 0,
    cut = 0;
  for (let n = 0; n < options.lines; n++) {
    const written = writeNumber(train, 3 + Math.floor(random() * 6), random);
    for (const [k, piece] of labelledPieces(written.image, written.text, written.boxes).entries()) {
      const raw = { width: LINE_PIECE_SIDE, height: LINE_PIECE_SIDE, channels: 1 } as const;
      const png = await sharp(piece.pixels, { raw }).png().toBuffer();
      const name = `${String(n).padStart(6, '0')}-${k}${piece.cut ? '-cut' : ''}.png`;
      await writeFile(join(options.out, piece.label, name), png);
      pieces++;
      if (piece.cut) cut++;
    }
    options.onProgress?.(n + 1, options.lines);
  }
  return { out: options.out, pieces, cut };
}
