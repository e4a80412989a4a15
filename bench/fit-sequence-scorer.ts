// Fits the sequence scorer's weights (packages/core/src/recognize/sequence-weights.ts) on saved
// candidate lattices (bench/sequence-lattices.ts) as a conditional random field over each line's
// readings: it raises the probability of the readings that spell the written number against all
// readings of the line. Fit on lines of MNIST training digits; check on lines of other digits.
// Run: npx tsx bench/fit-sequence-scorer.ts --fit train-11.json --check test-2.json,test-3.json [--write]
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  PIECE_FEATURE_NAMES,
  SEQUENCE_WEIGHTS,
  STRAY_SHARE,
  weighPiece,
  type SequenceWeights,
} from '@glyph/core/recognize';
import { bestText, pathMarginals, toLattice, type Edge, type Lattice } from './lattice-paths';
import type { SavedLattices } from './sequence-lattices';
import { editDistance } from './edit-distance';

const FEATURES = PIECE_FEATURE_NAMES.length;
const WEIGHTS_FILE = new URL('../packages/core/src/recognize/sequence-weights.ts', import.meta.url);

async function loadLattices(files: string): Promise<Lattice[]> {
  const all: Lattice[] = [];
  for (const file of files.split(',').filter(Boolean)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as SavedLattices;
    all.push(...saved.lines.map((line) => toLattice(line, saved.labels, STRAY_SHARE)));
  }
  return all;
}

/** Centre and scale of each feature over the fitting pieces; constant features stay as they are. */
function standardization(lattices: readonly Lattice[]): { center: number[]; scale: number[] } {
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
function toWeights(
  theta: Float64Array,
  hidden: number,
  base: { center: number[]; scale: number[] },
): SequenceWeights {
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

/** The measures bench/sequences.ts reports, reading with `weights` exactly as the recognizer does. */
function measure(lattices: readonly Lattice[], weights: SequenceWeights) {
  let exact = 0,
    rightLength = 0,
    digits = 0,
    errors = 0,
    reachable = 0;
  for (const lattice of lattices) {
    const scores = lattice.edges.map((e) =>
      e.pieces.length === 0 ? weights.stray : e.pieces.reduce((t, p) => t + weighPiece(p, weights), 0),
    );
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

function weightsSource(weights: SequenceWeights, command: string): string {
  const list = (values: readonly number[]) => `[${values.join(', ')}]`;
  return `import type { SequenceWeights } from './sequence-scoring';

/**
 * Fitted by bench/fit-sequence-scorer.ts on candidate lattices of generated lines of MNIST
 * training digits (bench/sequence-lattices.ts, never test digits); regenerate with
 *   ${command}
 * Arrays follow \`PIECE_FEATURE_NAMES\`.
 */
export const SEQUENCE_WEIGHTS: SequenceWeights = {
  center: ${list(weights.center)},
  scale: ${list(weights.scale)},
  linear: ${list(weights.linear)},
  hidden: [
${weights.hidden.map((u) => `    { bias: ${u.bias}, output: ${u.output}, input: ${list(u.input)} },`).join('\n')}
  ],
  stray: ${weights.stray},
};
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fit: { type: 'string', default: '' },
      check: { type: 'string', default: '' },
      hidden: { type: 'string', default: '4' },
      steps: { type: 'string', default: '400' },
      l2: { type: 'string', default: '0.001' },
      'learning-rate': { type: 'string', default: '0.02' },
      seed: { type: 'string', default: '7' },
      write: { type: 'boolean', default: false },
      /** Where --write puts the table; default the scorer's own file in core. */
      out: { type: 'string' },
    },
  });
  const fit = await loadLattices(values.fit);
  const check = await loadLattices(values.check);
  const pct = (x: number) => (x * 100).toFixed(2);
  const show = (label: string, weights: SequenceWeights) => {
    for (const [name, set] of [
      ['fit', fit],
      ['check', check],
    ] as const) {
      if (set.length === 0) continue;
      const m = measure(set, weights);
      process.stdout.write(
        `${label} ${name}: numbers ${pct(m.numbers)} digits ${pct(m.digits)} length ${pct(m.length)} reachable ${pct(m.reachable)}\n`,
      );
    }
  };
  show('current', SEQUENCE_WEIGHTS);
  if (fit.length === 0) return;
  const hidden = Number(values.hidden);
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
  const theta = new Float64Array(size);
  let state = Number(values.seed);
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  for (let j = 0; j < hidden; j++) {
    const at = FEATURES + j * (FEATURES + 2);
    for (let k = 0; k < FEATURES; k++) theta[at + 1 + k] = 0.3 * random();
    theta[at + 1 + FEATURES] = 0.1 * random();
  }
  const edgeScore = (e: Edge) =>
    e.pieces.length === 0
      ? theta[size - 1]
      : e.pieces.reduce((t, p) => t + pieceScore(standard.get(p) as Float64Array, theta, hidden), 0);
  const rate = Number(values['learning-rate']);
  const l2 = Number(values.l2);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  for (let step = 1; step <= Number(values.steps); step++) {
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
    for (let k = 0; k < size; k++) {
      const g = gradient[k] / used + 2 * l2 * theta[k];
      m[k] = 0.9 * m[k] + 0.1 * g;
      v[k] = 0.999 * v[k] + 0.001 * g * g;
      theta[k] -= (rate * m[k]) / (1 - 0.9 ** step) / (Math.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8);
    }
    if (step % 50 === 0) process.stdout.write(`step ${step} loss ${(loss / used).toFixed(5)}\n`);
    if (step % 200 === 0) show(`  step ${step}`, toWeights(theta, hidden, base));
  }
  const weights = toWeights(theta, hidden, base);
  show('fitted', weights);
  const command = `npx tsx bench/fit-sequence-scorer.ts --fit <lattices> --hidden ${hidden} --steps ${values.steps} --l2 ${values.l2} --learning-rate ${values['learning-rate']} --seed ${values.seed} --write`;
  if (values.write) await writeFile(values.out ?? WEIGHTS_FILE, weightsSource(weights, command));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
