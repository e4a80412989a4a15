import type { SequenceCharacterInput, SequencePreprocessResult } from '../segment/preprocess-sequence';
import { applyCharsetMask } from './charset';
import { bestLinePath, type Scored } from './line-path';
import { DEFAULT_SCORING, scoreCharacter, type SequenceScoring } from './sequence-scoring';
import { topK } from './top-k';
import type { SequenceRecognition } from './types';

type Classify = (inputs: readonly Float32Array[]) => Promise<Float32Array[]>;

interface Read {
  readonly character: SequenceCharacterInput;
  readonly row: Float64Array;
}

/**
 * Recognises every distinct candidate character of the line in one forward pass, then keeps the most
 * probable reading of the whole line (`bestLinePath`). Confidences honour the charset mask.
 */
export async function readSequence(
  prepared: SequencePreprocessResult,
  classify: Classify,
  labels: readonly string[],
  mask: Uint8Array | undefined,
  options: { top: number; debug: boolean; scoring?: SequenceScoring },
): Promise<SequenceRecognition> {
  const scoring = options.scoring ?? DEFAULT_SCORING;
  // Cut readings of one run share their pieces: classify each piece once.
  const distinct = [
    ...new Set([
      ...prepared.positions.flatMap((position) => position.readings.flat()),
      ...prepared.joins.map((join) => join.character),
    ]),
  ];
  const rows = (await classify(distinct.map((c) => c.input))).map((row) => applyCharsetMask(row, mask));
  const scored = new Map<SequenceCharacterInput, Scored<Read>>();
  distinct.forEach((character, index) => {
    const row = rows[index];
    const top = argMax(row);
    const score = scoreCharacter(labels[top], row[top], character.box, prepared, scoring);
    scored.set(character, { item: { character, row }, score });
  });
  const lookup = (character: SequenceCharacterInput) => scored.get(character) as Scored<Read>;
  const path = bestLinePath({
    positions: prepared.positions.map((position) => ({
      readings: position.readings.map((reading) => reading.map(lookup)),
      strayScore: isStray(position.readings[0], prepared, scoring) ? -scoring.strayCost : undefined,
    })),
    joins: new Map(
      prepared.joins.map((join) => {
        const { item, score } = lookup(join.character);
        return [join.first, { item, score: score - scoring.joinCost }];
      }),
    ),
  });
  const characters = path.map(({ character, row }) => ({
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

/** A separate piece much shorter than the line may be a stray mark rather than a character. */
function isStray(
  whole: readonly SequenceCharacterInput[],
  line: SequencePreprocessResult,
  scoring: SequenceScoring,
): boolean {
  return whole.length === 1 && whole[0].box.height < scoring.shortShare * line.lineHeight;
}

function argMax(row: Float64Array): number {
  let top = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[top]) top = i;
  return top;
}
