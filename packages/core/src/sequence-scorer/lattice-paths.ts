// The readings of a saved line (`lineLattice`) as a small graph for fitting the sequence scorer:
// edges between positions 0..n, each one reading of a position, a join of two, or a stray mark.
import { pieceFeatures, type PieceKind } from '../recognize/piece-features';
import type { SavedLattice } from './saved-lattices';

export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly text: string;
  /** Each candidate character's features (`pieceFeatures`); none for a stray mark. */
  readonly pieces: readonly Float64Array[];
}

export interface Lattice {
  readonly text: string;
  readonly nodes: number;
  readonly edges: readonly Edge[];
}

/** Mirrors `readSequence`: whole ink, cut readings, stray marks (`STRAY_SHARE`) and joins. */
export function toLattice(line: SavedLattice, labels: readonly string[], strayShare: number): Lattice {
  const measure = { lineHeight: line.lineHeight, typicalWidth: line.typicalWidth };
  const piece = (index: number, kind: PieceKind) => {
    const candidate = line.candidates[index];
    const box = { width: candidate.box[2], height: candidate.box[3] };
    const seams = candidate.seams?.map(([strokes, inkShare]) => ({ strokes, inkShare }));
    let top = 0;
    for (let i = 1; i < candidate.row.length; i++) if (candidate.row[i] > candidate.row[top]) top = i;
    const evidence = { row: candidate.row, labels, box, kind, ...(seams ? { seams } : {}) };
    return { text: labels[top], features: pieceFeatures(evidence, top, measure) };
  };
  const edges: Edge[] = [];
  line.positions.forEach((readings, position) => {
    readings.forEach((reading, r) => {
      const pieces = reading.map((index) => piece(index, r === 0 ? 'whole' : 'cut'));
      const text = pieces.map((p) => p.text).join('');
      edges.push({ from: position, to: position + 1, text, pieces: pieces.map((p) => p.features) });
    });
    const whole = line.candidates[readings[0][0]];
    if (readings[0].length === 1 && whole.box[3] < strayShare * line.lineHeight) {
      edges.push({ from: position, to: position + 1, text: '', pieces: [] });
    }
  });
  for (const [first, index] of line.joins) {
    const p = piece(index, 'join');
    edges.push({ from: first, to: first + 2, text: p.text, pieces: [p.features] });
  }
  // Edges into earlier positions first; within one, readings before the stray mark before joins.
  edges.sort((a, b) => a.to - b.to);
  return { text: line.text, nodes: line.positions.length + 1, edges };
}

/** The best reading's text (Viterbi; ties keep the earlier edge, as `bestLinePath` does). */
export function bestText(lattice: Lattice, edgeScores: readonly number[]): string {
  const best = Array.from({ length: lattice.nodes }, (_, i) => ({
    score: i === 0 ? 0 : -Infinity,
    text: '',
  }));
  lattice.edges.forEach((edge, i) => {
    const score = best[edge.from].score + edgeScores[i];
    if (score > best[edge.to].score) best[edge.to] = { score, text: best[edge.from].text + edge.text };
  });
  return best[lattice.nodes - 1].text;
}

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * log Σ exp(path score) over the line's paths, and each edge's marginal probability. With `text`,
 * only paths spelling it count (states are position × characters read so far); log is −∞ when none does.
 */
export function pathMarginals(
  lattice: Lattice,
  edgeScores: readonly number[],
  text?: string,
): { log: number; marginals: Float64Array } {
  const length = text?.length ?? 0;
  const width = length + 1;
  const steps: { from: number; to: number; score: number; edge: number }[] = [];
  lattice.edges.forEach((edge, e) => {
    for (let k = 0; k <= length; k++) {
      if (text !== undefined && text.slice(k, k + edge.text.length) !== edge.text) continue;
      if (k + edge.text.length > length && text !== undefined) continue;
      const next = text === undefined ? 0 : k + edge.text.length;
      steps.push({ from: edge.from * width + k, to: edge.to * width + next, score: edgeScores[e], edge: e });
      if (text === undefined) break;
    }
  });
  steps.sort((a, b) => a.to - b.to);
  const alpha = new Float64Array(lattice.nodes * width).fill(-Infinity);
  const beta = new Float64Array(lattice.nodes * width).fill(-Infinity);
  alpha[0] = 0;
  for (const s of steps) alpha[s.to] = logAdd(alpha[s.to], alpha[s.from] + s.score);
  const end = (lattice.nodes - 1) * width + length;
  beta[end] = 0;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i];
    beta[s.from] = logAdd(beta[s.from], s.score + beta[s.to]);
  }
  const log = alpha[end];
  const marginals = new Float64Array(lattice.edges.length);
  if (log === -Infinity) return { log, marginals };
  for (const s of steps) marginals[s.edge] += Math.exp(alpha[s.from] + s.score + beta[s.to] - log);
  return { log, marginals };
}
