import { editDistance } from '../metrics/edit-distance';
import { weighPiece, type SequenceWeights } from '../recognize/sequence-scoring';
import { bestText, pathMarginals, type Lattice } from './lattice-paths';

/** How well `weights` read a set of lines: the measures the sequence benchmark reports. */
export interface ReadingMeasures {
  /** Share of lines read exactly. */
  readonly numbers: number;
  /** 1 − (edit distance / characters), summed over all lines. */
  readonly digits: number;
  /** Share of lines read with the right count of characters. */
  readonly length: number;
  /** Share of lines whose right reading is among the lattice's paths at all. */
  readonly reachable: number;
}

/** Each edge's score under `weights`, exactly as the recognizer scores it. */
export function edgeScores(lattice: Lattice, weights: SequenceWeights): number[] {
  return lattice.edges.map((e) =>
    e.pieces.length === 0 ? weights.stray : e.pieces.reduce((t, p) => t + weighPiece(p, weights), 0),
  );
}

/** Reads every line with `weights` as the recognizer does and measures the readings. */
export function measureReadings(lattices: readonly Lattice[], weights: SequenceWeights): ReadingMeasures {
  let exact = 0,
    rightLength = 0,
    digits = 0,
    errors = 0,
    reachable = 0;
  for (const lattice of lattices) {
    const scores = edgeScores(lattice, weights);
    const text = bestText(lattice, scores);
    if (text === lattice.text) exact++;
    if (text.length === lattice.text.length) rightLength++;
    digits += lattice.text.length;
    errors += Math.min(lattice.text.length, editDistance(text, lattice.text));
    if (pathMarginals(lattice, scores, lattice.text).log > -Infinity) reachable++;
  }
  const n = lattices.length;
  return {
    numbers: exact / n,
    digits: 1 - errors / digits,
    length: rightLength / n,
    reachable: reachable / n,
  };
}
