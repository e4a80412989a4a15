import type { SequenceCharacterInput, SequencePreprocessResult } from '../segment/preprocess-sequence';
import { applyCharsetMask } from './charset';
import { bestLinePath, type Scored } from './line-path';
import type { PieceKind } from './piece-features';
import { scorePiece, STRAY_SHARE, type SequenceWeights } from './sequence-scoring';
import { SEQUENCE_WEIGHTS } from './sequence-weights';
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
  options: { top: number; debug: boolean; weights?: SequenceWeights },
): Promise<SequenceRecognition> {
  const weights = options.weights ?? SEQUENCE_WEIGHTS;
  // Cut readings of one run share their pieces: classify each piece once.
  const kinds = candidateKinds(prepared);
  const distinct = [...kinds.keys()];
  const rows = (await classify(distinct.map((c) => c.input))).map((row) => applyCharsetMask(row, mask));
  const scored = new Map<SequenceCharacterInput, Scored<Read>>();
  distinct.forEach((character, index) => {
    const row = rows[index];
    const evidence = { row, labels, box: character.box, kind: kinds.get(character) as PieceKind };
    const { score } = scorePiece(
      character.seams === undefined ? evidence : { ...evidence, seams: character.seams },
      prepared,
      weights,
    );
    scored.set(character, { item: { character, row }, score });
  });
  const lookup = (character: SequenceCharacterInput) => scored.get(character) as Scored<Read>;
  const path = bestLinePath({
    positions: prepared.positions.map((position) => ({
      readings: position.readings.map((reading) => reading.map(lookup)),
      strayScore: isStray(position.readings[0], prepared) ? weights.stray : undefined,
    })),
    joins: new Map(prepared.joins.map((join) => [join.first, lookup(join.character)])),
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

/** Every distinct candidate of the line and how it came about, in line order. */
function candidateKinds(prepared: SequencePreprocessResult): Map<SequenceCharacterInput, PieceKind> {
  const kinds = new Map<SequenceCharacterInput, PieceKind>();
  for (const position of prepared.positions) {
    position.readings.forEach((reading, index) => {
      for (const character of reading)
        if (!kinds.has(character)) kinds.set(character, index === 0 ? 'whole' : 'cut');
    });
  }
  for (const join of prepared.joins) if (!kinds.has(join.character)) kinds.set(join.character, 'join');
  return kinds;
}

/** A separate piece much shorter than the line may be a stray mark rather than a character. */
function isStray(whole: readonly SequenceCharacterInput[], line: SequencePreprocessResult): boolean {
  return whole.length === 1 && whole[0].box.height < STRAY_SHARE * line.lineHeight;
}
