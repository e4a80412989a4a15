import type { SequenceCharacterInput, SequencePreprocessResult } from '../segment/preprocess-sequence';
import { applyCharsetMask } from './charset';
import { aspectLogPrior } from './character-shape-prior';
import { topK } from './top-k';
import type { SequenceRecognition } from './types';

type Classify = (inputs: readonly Float32Array[]) => Promise<Float32Array[]>;

interface Scored {
  readonly character: SequenceCharacterInput;
  readonly row: Float64Array;
  /** log p(top-1) plus the log prior of its shape, less the cost of a character. */
  readonly score: number;
  /** Box width in typical character widths of the line. */
  readonly relativeWidth: number;
}

/**
 * Recognises every candidate character of the line in one forward pass, then keeps the most probable
 * reading of the whole line (a Viterbi pass: at each position either its own best reading — whole or
 * cut into touching characters — or a join with the previous position). Confidences honour the
 * charset mask.
 */
export async function readSequence(
  prepared: SequencePreprocessResult,
  classify: Classify,
  labels: readonly string[],
  mask: Uint8Array | undefined,
  options: { top: number; debug: boolean },
): Promise<SequenceRecognition> {
  const candidates = [
    ...prepared.positions.flatMap((position) => position.readings.flat()),
    ...prepared.joins.map((join) => join.character),
  ];
  const rows = (await classify(candidates.map((c) => c.input))).map((row) => applyCharsetMask(row, mask));
  const scored = candidates.map((character, index) =>
    score(character, rows[index], labels, prepared.typicalWidth),
  );
  let next = 0;
  const readings = prepared.positions.map((position) =>
    position.readings.map((reading) => reading.map(() => scored[next++])),
  );
  const joins = new Map(prepared.joins.map((join) => [join.first, scored[next++]]));
  const characters = bestPath(readings, joins).map(({ character, row }) => ({
    box: character.box,
    predictions: topK(row, labels, options.top),
    ...(options.debug ? { input: character.input } : {}),
  }));
  return {
    empty: prepared.empty,
    text: characters.map((character) => character.predictions[0].label).join(''),
    characters,
  };
}

/**
 * Highest-scoring sequence of characters: `best[i]` covers positions before i; each step takes
 * position i−1's best reading, or the join of positions i−2 and i−1.
 */
function bestPath(
  readings: readonly (readonly (readonly Scored[])[])[],
  joins: ReadonlyMap<number, Scored>,
): Scored[] {
  const best: { score: number; path: Scored[] }[] = [{ score: 0, path: [] }];
  for (let i = 1; i <= readings.length; i++) {
    const own = bestReading(readings[i - 1]);
    let step = { score: best[i - 1].score + sum(own), path: [...best[i - 1].path, ...own] };
    // A join replaces two characters by one; it pays for both, so it wins on evidence alone.
    const join = joins.get(i - 2);
    const joined = join === undefined ? -Infinity : best[i - 2].score + join.score - CHARACTER_COST;
    if (join !== undefined && joined > step.score)
      step = { score: joined, path: [...best[i - 2].path, join] };
    best.push(step);
  }
  return best[readings.length].path;
}

/** The whole ink, or the cut whose pieces score best; a cut pays for each sliver it makes. */
function bestReading(readings: readonly (readonly Scored[])[]): readonly Scored[] {
  let best = readings[0];
  let bestScore = sum(best);
  for (const reading of readings.slice(1)) {
    const slivers = reading.reduce((total, piece) => total + Math.max(0, NARROW - piece.relativeWidth), 0);
    const candidate = sum(reading) - 2 * slivers;
    if (candidate > bestScore) {
      best = reading;
      bestScore = candidate;
    }
  }
  return best;
}

function sum(reading: readonly Scored[]): number {
  return reading.reduce((total, scored) => total + scored.score, 0);
}

/** A cut piece narrower than this many typical widths is likely a sliver of a character. */
const NARROW = 0.35;
/** Log cost of each character read: another character must bring its own evidence. */
const CHARACTER_COST = 1;
/** Beyond this many typical widths one character grows unlikely, by `WIDE_WEIGHT` per width. */
const WIDE = 1.25;
const WIDE_WEIGHT = 2;

/** A candidate character's evidence: how sure the model is, how plausible its shape is for that answer. */
function score(
  character: SequenceCharacterInput,
  row: Float64Array,
  labels: readonly string[],
  typicalWidth: number,
): Scored {
  let top = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[top]) top = i;
  const { width, height } = character.box;
  const relativeWidth = typicalWidth > 0 ? width / typicalWidth : 1;
  const shape = aspectLogPrior(labels[top], width, height) - WIDE_WEIGHT * Math.max(0, relativeWidth - WIDE);
  const evidence = Math.log(Math.max(1e-12, row[top])) + shape;
  return { character, row, relativeWidth, score: evidence - CHARACTER_COST };
}
