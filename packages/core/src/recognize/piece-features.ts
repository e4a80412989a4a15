import type { CutSeam } from '../segment/character-segment';
import { aspectDeviations, aspectLogPrior } from './character-shape-prior';

/** How a candidate character came about: a whole run of ink, a piece cut out of one, or two joined. */
export type PieceKind = 'whole' | 'cut' | 'join';

/** What the reader knows of one candidate character. */
export interface PieceEvidence {
  /** Class probabilities (charset mask applied), one per label. */
  readonly row: ArrayLike<number>;
  readonly labels: readonly string[];
  /** In image pixels. */
  readonly box: { readonly width: number; readonly height: number };
  readonly kind: PieceKind;
  /** For a cut piece: what its cuts pass through. */
  readonly seams?: readonly CutSeam[];
}

/** What the line tells about one character's size, in image pixels. */
export interface LineMeasure {
  /** Median height of the line's runs of ink. */
  readonly lineHeight: number;
  /** Width of one typical character on the line. */
  readonly typicalWidth: number;
}

/** The evidence, in the order of `PIECE_FEATURE_NAMES`. */
export const PIECE_FEATURE_NAMES = [
  'logProbability',
  'logOdds',
  'logMargin',
  'doubtOver4',
  'doubtOver8',
  'shapePrior',
  'shapeWider',
  'shapeNarrower',
  'beyondWide',
  'belowShort',
  'heightDeviation',
  'widthDeviation',
  'character',
  'cut',
  'join',
  'seamExtraStrokes',
  'seamInk',
  'cutOne',
  'cutLogOdds',
  'joinLogOdds',
] as const;
export type PieceFeatureName = (typeof PIECE_FEATURE_NAMES)[number];

/** Probabilities are clamped this far short of 1 so log-odds stay finite (at most 13.8). */
const SURE = 1 - 1e-6;
/** Log-odds and margins beyond this tell nothing more. */
const LOG_ODDS_CAP = 14;
/** One character wider than this many line heights grows unlikely. */
const WIDE_ASPECT = 1.15;
/** A character shorter than this share of the line height is likely a fragment. */
const SHORT_SHARE = 0.7;

/**
 * The evidence that a candidate is one true character of the line, as numbers the sequence scorer weighs
 * (`scorePiece`): how sure the model is of its top answer and how far ahead of the runner-up, how
 * plausible its box is for that answer and for the line, whether it was cut out of touching ink and
 * what the cuts passed through. `label` is the index of the top answer in `row`.
 */
export function pieceFeatures(evidence: PieceEvidence, label: number, line: LineMeasure): Float64Array {
  const { row, box, kind } = evidence;
  const lineHeight = Math.max(1, line.lineHeight);
  const typicalWidth = Math.max(1, line.typicalWidth);
  const first = row[label];
  let second = 0;
  for (let i = 0; i < row.length; i++) if (i !== label && row[i] > second) second = row[i];
  const sure = Math.min(first, SURE);
  const seams = evidence.seams ?? [];
  const logOdds = Math.min(LOG_ODDS_CAP, Math.log(sure / (1 - sure)));
  const deviations = aspectDeviations(evidence.labels[label], box.width, box.height);
  const features: Record<PieceFeatureName, number> = {
    logProbability: Math.log(Math.max(1e-12, first)),
    logOdds,
    doubtOver4: Math.max(0, 4 - logOdds),
    doubtOver8: Math.max(0, 8 - logOdds),
    logMargin: Math.min(LOG_ODDS_CAP, Math.log(Math.max(1e-12, first) / Math.max(1e-12, second))),
    shapePrior: aspectLogPrior(evidence.labels[label], box.width, box.height),
    shapeWider: Math.max(0, deviations),
    shapeNarrower: Math.max(0, -deviations),
    beyondWide: Math.max(0, box.width / lineHeight - WIDE_ASPECT),
    belowShort: Math.max(0, SHORT_SHARE - box.height / lineHeight),
    heightDeviation: Math.abs(Math.log(Math.max(1, box.height) / lineHeight)),
    widthDeviation: Math.max(0, Math.log(Math.max(1, box.width) / typicalWidth)),
    character: 1,
    cut: kind === 'cut' ? 1 : 0,
    join: kind === 'join' ? 1 : 0,
    seamExtraStrokes: seams.reduce((total, seam) => total + Math.max(0, seam.strokes - 1), 0),
    seamInk: seams.reduce((total, seam) => total + seam.inkShare, 0),
    cutOne: kind === 'cut' && evidence.labels[label] === '1' ? 1 : 0,
    cutLogOdds: kind === 'cut' ? logOdds : 0,
    joinLogOdds: kind === 'join' ? logOdds : 0,
  };
  return Float64Array.from(PIECE_FEATURE_NAMES, (name) => features[name]);
}
