import { aspectLogPrior } from './character-shape-prior';

/** Weights of the evidence that picks one reading of a line (log scale, see `scoreCharacter`). */
export interface SequenceScoring {
  /** Weight of log p(top-1) from the model. */
  readonly classifierWeight: number;
  /**
   * Weight of the model's log-odds for its top answer, capped at `certaintyCap`: a character read
   * with near certainty earns part of its cost back. Two touching digits read as one are rarely
   * read as surely as each of them cut apart.
   */
  readonly certaintyWeight: number;
  readonly certaintyCap: number;
  /** Weight of the shape prior (`aspectLogPrior`). */
  readonly shapeWeight: number;
  /** Log cost of each character read: another character must bring its own evidence. */
  readonly characterCost: number;
  /** One character wider than this many line heights grows unlikely... */
  readonly wideAspect: number;
  /** ...by this much log prior per line height beyond it. */
  readonly wideWeight: number;
  /** A character shorter than this share of the line height is likely a fragment... */
  readonly shortShare: number;
  /** ...by this much log prior per line height below it. */
  readonly shortWeight: number;
  /** Log cost of reading a short, separate fragment as no character at all (a stray mark). */
  readonly strayCost: number;
  /** Extra log cost of reading two separate pieces as one broken character. */
  readonly joinCost: number;
}

/** Weights chosen on generated lines of MNIST digits (bench/sequences.ts, seeds other than 1). */
export const DEFAULT_SCORING: SequenceScoring = {
  classifierWeight: 1,
  certaintyWeight: 0.15,
  certaintyCap: 14,
  shapeWeight: 0.5,
  characterCost: 2.1,
  wideAspect: 1.15,
  wideWeight: 10,
  shortShare: 0.7,
  shortWeight: 10,
  strayCost: 4,
  joinCost: 1,
};

/** What the line tells about one character's size, in image pixels. */
export interface LineMeasure {
  /** Median height of the line's characters. */
  readonly lineHeight: number;
}

/**
 * A candidate character's evidence: how sure the model is of its top answer (`probability`), how
 * plausible its box is for that answer and for the line, less the cost of a character.
 */
export function scoreCharacter(
  label: string,
  probability: number,
  box: { readonly width: number; readonly height: number },
  line: LineMeasure,
  scoring: SequenceScoring = DEFAULT_SCORING,
): number {
  const { width, height } = box;
  const lineHeight = Math.max(1, line.lineHeight);
  const beyondWide = Math.max(0, width / lineHeight - scoring.wideAspect);
  const belowShort = Math.max(0, scoring.shortShare - height / lineHeight);
  const sure = Math.min(probability, 1 - 1e-6);
  const logOdds = Math.min(scoring.certaintyCap, Math.log(sure / (1 - sure)));
  return (
    scoring.classifierWeight * Math.log(Math.max(1e-12, probability)) +
    scoring.certaintyWeight * logOdds +
    scoring.shapeWeight * aspectLogPrior(label, width, height) -
    scoring.wideWeight * beyondWide -
    scoring.shortWeight * belowShort -
    scoring.characterCost
  );
}
