// Fits the sequence scorer's weights on saved candidate lattices as a conditional random field over
// each line's readings: it raises the probability of the readings that spell the written number
// against all readings of the line (Adam on the negative log-likelihood, L2 on every parameter).
import { GlyphError } from '../errors/glyph-error';
import { PIECE_FEATURE_NAMES } from '../recognize/piece-features';
import type { SequenceWeights } from '../recognize/sequence-scoring';
import { pathMarginals, type Edge, type Lattice } from './lattice-paths';

const FEATURES = PIECE_FEATURE_NAMES.length;

export interface FitScorerOptions {
  /** Tanh units beside the linear part. */
  readonly hidden: number;
  readonly steps: number;
  readonly l2: number;
  readonly learningRate: number;
  /** Seeds the hidden units' starting weights (same seed and lattices, same weights). */
  readonly seed: number;
  /** Every 50 steps: the mean loss over the lines that can be read right, and the weights so far. */
  readonly onProgress?: (step: number, loss: number, current: () => SequenceWeights) => void;
}

export const FIT_SCORER_DEFAULTS = {
  hidden: 4,
  steps: 400,
  l2: 0.001,
  learningRate: 0.02,
  seed: 7,
} as const satisfies Omit<FitScorerOptions, 'onProgress'>;

interface Standardization {
  readonly center: number[];
  readonly scale: number[];
}

/** Centre and scale of each feature over the fitting pieces; constant features stay as they are. */
function standardization(lattices: readonly Lattice[]): Standardization {
  const pieces = lattices.flatMap((l) => l.edges.flatMap((e) => e.pieces));
  const center = Array.from(
    { length: FEATURES },
    (_, k) => pieces.reduce((t, p) => t + p[k], 0) / pieces.length,
  );
  const scale = center.map((mean, k) =>
    Math.sqrt(pieces.reduce((t, p) => t + (p[k] - mean) ** 2, 0) / pieces.length),
  );
  return {
    center: center.map((mean, k) => (scale[k] < 1e-9 ? 0 : mean)),
    scale: scale.map((s) => (s < 1e-9 ? 1 : s)),
  };
}

/** Parameters as one vector: linear[F], then per hidden unit bias, input[F], output; then stray. */
function toWeights(theta: Float64Array, hidden: number, base: Standardization): SequenceWeights {
  const round = (x: number) => Number(x.toFixed(4));
  const units = Array.from({ length: hidden }, (_, j) => {
    const at = FEATURES + j * (FEATURES + 2);
    return {
      bias: round(theta[at]),
      input: Array.from(theta.subarray(at + 1, at + 1 + FEATURES), round),
      output: round(theta[at + 1 + FEATURES]),
    };
  });
  return {
    center: base.center.map(round),
    scale: base.scale.map(round),
    linear: Array.from(theta.subarray(0, FEATURES), round),
    hidden: units,
    stray: round(theta[theta.length - 1]),
  };
}

/** A piece's score and, when `gradient` is given, adds `scale` × its gradient (same math as `weighPiece`). */
function pieceScore(
  x: Float64Array,
  theta: Float64Array,
  hidden: number,
  gradient?: Float64Array,
  scale = 0,
): number {
  let score = 0;
  for (let k = 0; k < FEATURES; k++) score += theta[k] * x[k];
  if (gradient) for (let k = 0; k < FEATURES; k++) gradient[k] += scale * x[k];
  for (let j = 0; j < hidden; j++) {
    const at = FEATURES + j * (FEATURES + 2);
    let activation = theta[at];
    for (let k = 0; k < FEATURES; k++) activation += theta[at + 1 + k] * x[k];
    const t = Math.tanh(activation);
    const output = theta[at + 1 + FEATURES];
    score += output * t;
    if (gradient) {
      gradient[at + 1 + FEATURES] += scale * t;
      const d = scale * output * (1 - t * t);
      gradient[at] += d;
      for (let k = 0; k < FEATURES; k++) gradient[at + 1 + k] += d * x[k];
    }
  }
  return score;
}

/** Small random starting weights for the hidden units (a fixed linear congruential generator). */
function initialTheta(size: number, hidden: number, seed: number): Float64Array {
  const theta = new Float64Array(size);
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  for (let j = 0; j < hidden; j++) {
    const at = FEATURES + j * (FEATURES + 2);
    for (let k = 0; k < FEATURES; k++) theta[at + 1 + k] = 0.3 * random();
    theta[at + 1 + FEATURES] = 0.1 * random();
  }
  return theta;
}

/**
 * Fits weights for `weighPiece` on lattices of lines whose text is known, rounded to 4 decimals.
 * Lines whose right reading is not among their paths teach nothing and are skipped.
 */
export function fitSequenceScorer(fit: readonly Lattice[], options: FitScorerOptions): SequenceWeights {
  const { hidden, l2, learningRate: rate } = options;
  const base = standardization(fit);
  const standard = new Map<Float64Array, Float64Array>();
  for (const l of fit)
    for (const e of l.edges)
      for (const p of e.pieces)
        standard.set(
          p,
          p.map((v, k) => (v - base.center[k]) / base.scale[k]),
        );
  const size = FEATURES + hidden * (FEATURES + 2) + 1;
  const theta = initialTheta(size, hidden, options.seed);
  const edgeScore = (e: Edge) =>
    e.pieces.length === 0
      ? theta[size - 1]
      : e.pieces.reduce((t, p) => t + pieceScore(standard.get(p) as Float64Array, theta, hidden), 0);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  for (let step = 1; step <= options.steps; step++) {
    const gradient = new Float64Array(size);
    let loss = 0,
      used = 0;
    for (const lattice of fit) {
      const scores = lattice.edges.map(edgeScore);
      const right = pathMarginals(lattice, scores, lattice.text);
      if (right.log === -Infinity) continue;
      const all = pathMarginals(lattice, scores);
      used++;
      loss += all.log - right.log;
      lattice.edges.forEach((e, i) => {
        const d = all.marginals[i] - right.marginals[i];
        if (Math.abs(d) < 1e-12) return;
        if (e.pieces.length === 0) gradient[size - 1] += d;
        else
          for (const p of e.pieces) pieceScore(standard.get(p) as Float64Array, theta, hidden, gradient, d);
      });
    }
    if (used === 0) {
      throw new GlyphError(
        'BAD_USAGE',
        `None of the ${fit.length} lines can be read right from its candidates, so there is nothing to fit. Save lattices of more lines.`,
      );
    }
    for (let k = 0; k < size; k++) {
      const g = gradient[k] / used + 2 * l2 * theta[k];
      m[k] = 0.9 * m[k] + 0.1 * g;
      v[k] = 0.999 * v[k] + 0.001 * g * g;
      theta[k] -= (rate * m[k]) / (1 - 0.9 ** step) / (Math.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8);
    }
    if (step % 50 === 0) options.onProgress?.(step, loss / used, () => toWeights(theta, hidden, base));
  }
  return toWeights(theta, hidden, base);
}
