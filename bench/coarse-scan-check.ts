// Low-resolution check on images no model under test trained on: a run's own validation split,
// scanned the way optdigits was made (binarized, fit to 32×32, 4×4 blocks counted to 8×8 cells of
// 0..16) and shown dark on white at 32×32, blocky and smooth. A proxy for optdigits that may be used
// to choose between runs, so optdigits itself stays a set that is only ever reported.
//   npx tsx bench/coarse-scan-check.ts --run runs/digits-r3 --models models/digits,runs/digits-r3
// (--seed picks another run's validation split from the same data.)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RawImage } from '@glyph/core';
import { imageAt } from '@glyph/core/data';
import { resolveDataDir } from '@glyph/node/datasets';
import { initNodeEngine } from '@glyph/node/engine';
import { loadModelFolder } from '@glyph/node/model-io';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import { prepareData } from '@glyph/node/train';
import { optdigitsImage, type BoardSet } from './board/board-sets';
import { scoreSet } from './board/score-set';

/** optdigits' cells of one model-input image (bright ink on black), values 0..16, ink high. */
function optdigitsCells(image: Uint8Array, width: number, height: number): Uint8Array {
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (image[y * width + x] >= 128) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  const cells = new Uint8Array(64);
  if (right < 0) return cells;
  const boxW = right - left + 1;
  const boxH = bottom - top + 1;
  const scale = 32 / Math.max(boxW, boxH);
  const offX = (32 - boxW * scale) / 2;
  const offY = (32 - boxH * scale) / 2;
  for (let by = 0; by < 32; by++) {
    for (let bx = 0; bx < 32; bx++) {
      const sx = Math.floor((bx - offX) / scale) + left;
      const sy = Math.floor((by - offY) / scale) + top;
      if (sx < left || sx > right || sy < top || sy > bottom) continue;
      if (image[sy * width + sx] >= 128) cells[(by >> 2) * 8 + (bx >> 2)]++;
    }
  }
  return cells;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      run: { type: 'string' },
      models: { type: 'string' },
      limit: { type: 'string', default: '3000' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (!values.run || !values.models) throw new Error('usage: --run <training run> --models <dir,dir>');
  await initNodeEngine();
  const metadata = JSON.parse(await readFile(join(values.run, 'metadata.json'), 'utf8'));
  // The split a run with this seed holds out for validation (default: the run's own seed).
  const config = { ...metadata.training, seed: Number(values.seed ?? metadata.training.seed) };
  const data = await prepareData(config, metadata.training.input, resolveDataDir(values['data-dir']));
  const validation = data.validation!;
  const count = Math.min(validation.count, Number(values.limit));
  const labels: string[] = [];
  const blocky: RawImage[] = [];
  const smooth: RawImage[] = [];
  for (let i = 0; i < count; i++) {
    const cells = optdigitsCells(imageAt(validation, i), validation.width, validation.height);
    labels.push(validation.classNames[validation.labels[i]]);
    blocky.push(await optdigitsImage(cells, 'nearest'));
    smooth.push(await optdigitsImage(cells, 'cubic'));
  }
  const sets: BoardSet[] = [
    {
      name: 'validation, coarse blocky',
      about: `${values.run} validation, 8×8 blocky`,
      labels,
      images: blocky,
    },
    {
      name: 'validation, coarse smooth',
      about: `${values.run} validation, 8×8 smooth`,
      labels,
      images: smooth,
    },
  ];
  for (const dir of values.models.split(',')) {
    const recognizer = await loadRecognizerFromFolder(dir);
    const { model } = await loadModelFolder(dir);
    for (const set of sets) {
      const score = await scoreSet(recognizer, model, set);
      console.log(`${dir}\t${set.name}\t${count}\t${(score.accuracy * 100).toFixed(2)}%`);
    }
    recognizer.dispose();
    model.dispose();
  }
}

await main();
