import type { SequencePreprocessResult } from '../segment/preprocess-sequence';
import { applyCharsetMask } from './charset';
import { topK } from './top-k';
import type { SequenceRecognition } from './types';

type Classify = (inputs: readonly Float32Array[]) => Promise<Float32Array[]>;

/**
 * Recognises every reading of every position in one forward pass and keeps, per position, the
 * reading whose characters the model is surest of (geometric mean of top-1 probabilities; the
 * unsplit reading wins ties). Confidences honour the charset mask.
 */
export async function readSequence(
  prepared: SequencePreprocessResult,
  classify: Classify,
  labels: readonly string[],
  mask: Uint8Array | undefined,
  options: { top: number; debug: boolean },
): Promise<SequenceRecognition> {
  const inputs = prepared.positions.flatMap((position) => position.readings.flat().map((c) => c.input));
  const rows = (await classify(inputs)).map((row) => applyCharsetMask(row, mask));
  let next = 0;
  const characters = prepared.positions.flatMap((position) => {
    const readings = position.readings.map((reading) =>
      reading.map((character) => ({ character, row: rows[next++] })),
    );
    const best = readings.reduce((kept, reading) =>
      readingScore(reading) > readingScore(kept) ? reading : kept,
    );
    return best.map(({ character, row }) => ({
      box: character.box,
      predictions: topK(row, labels, options.top),
      ...(options.debug ? { input: character.input } : {}),
    }));
  });
  return {
    empty: prepared.empty,
    text: characters.map((character) => character.predictions[0].label).join(''),
    characters,
  };
}

function readingScore(reading: readonly { row: Float64Array }[]): number {
  let logSum = 0;
  for (const { row } of reading) logSum += Math.log(Math.max(1e-12, maxOf(row)));
  return logSum / reading.length;
}

function maxOf(row: Float64Array): number {
  let max = 0;
  for (let i = 0; i < row.length; i++) if (row[i] > max) max = row[i];
  return max;
}
