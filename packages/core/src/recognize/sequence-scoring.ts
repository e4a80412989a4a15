import { PIECE_FEATURE_NAMES, pieceFeatures, type LineMeasure, type PieceEvidence } from './piece-features';

/**
 * A small scorer of candidate characters (see `weighPiece`): features are standardized, then weighed
 * linearly plus a few tanh units that let evidence interact (a sure reading counts for less on a
 * piece that is oddly shaped). Arrays follow `PIECE_FEATURE_NAMES`.
 */
export interface SequenceWeights {
  /** Per feature: a feature enters as (value − center) / scale. */
  readonly center: readonly number[];
  readonly scale: readonly number[];
  /** Per standardized feature. */
  readonly linear: readonly number[];
  readonly hidden: readonly HiddenUnit[];
  /** Log score of reading a short, separate fragment as no character at all (a stray mark). */
  readonly stray: number;
}

/** Adds `output × tanh(bias + Σ input[k] × feature[k])` to a piece's score. */
export interface HiddenUnit {
  readonly bias: number;
  readonly input: readonly number[];
  readonly output: number;
}

/** A separate piece shorter than this share of the line height may be a stray mark. */
export const STRAY_SHARE = 0.7;

/**
 * A candidate character's log score as one true character of the line; a reading scores the sum
 * over its characters, so each character must bring its own evidence. Returns the top answer too.
 */
export function scorePiece(
  evidence: PieceEvidence,
  line: LineMeasure,
  weights: SequenceWeights,
): { label: number; score: number } {
  const { row } = evidence;
  let label = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[label]) label = i;
  return { label, score: weighPiece(pieceFeatures(evidence, label, line), weights) };
}

/** The score of one candidate's features (`pieceFeatures`) under `weights`. */
export function weighPiece(features: ArrayLike<number>, weights: SequenceWeights): number {
  const count = PIECE_FEATURE_NAMES.length;
  const standard = new Float64Array(count);
  let score = 0;
  for (let k = 0; k < count; k++) {
    standard[k] = (features[k] - weights.center[k]) / weights.scale[k];
    score += weights.linear[k] * standard[k];
  }
  for (const unit of weights.hidden) {
    let activation = unit.bias;
    for (let k = 0; k < count; k++) activation += unit.input[k] * standard[k];
    score += unit.output * Math.tanh(activation);
  }
  return score;
}
