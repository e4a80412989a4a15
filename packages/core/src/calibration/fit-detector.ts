import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '../errors/glyph-error';
import type { RejectionDetector } from './calibration-artifact';

export interface DetectorFitOptions {
  /** Tanh units beside the linear part (default 8). */
  readonly hidden?: number;
  /** Full-batch Adam steps (default 800). */
  readonly steps?: number;
  readonly learningRate?: number;
  /** Weight decay on all weights (default 1e-4). */
  readonly l2?: number;
  readonly seed?: number;
}

export type FittedWeights = Omit<RejectionDetector, 'features' | 'threshold' | 'classDirections'>;

/**
 * Fits the "not a character" scorer: logistic regression on standardized features plus a few tanh
 * units, characters (positives) against generated non-characters, each side weighted to half the loss
 * whatever their counts. Full batch: a few thousand rows of a dozen features fit in seconds.
 */
export function fitDetector(
  positives: readonly (readonly number[])[],
  negatives: readonly (readonly number[])[],
  options: DetectorFitOptions = {},
): FittedWeights {
  if (positives.length === 0 || negatives.length === 0) {
    throw new GlyphError(
      'BAD_USAGE',
      `The detector needs characters and non-characters to learn from; got ${positives.length} and ${negatives.length}.`,
    );
  }
  const count = positives[0].length;
  const rows = [...positives, ...negatives];
  const { center, scale } = standardization(rows, count);
  const standard = rows.map((row) => row.map((value, k) => (value - center[k]) / scale[k]));
  const hidden = options.hidden ?? 8;
  const seed = options.seed ?? 1;
  const l2 = options.l2 ?? 1e-4;
  const weights = tf.tidy(() => ({
    linear: tf.variable(tf.zeros([count, 1])),
    bias: tf.variable(tf.zeros([1])),
    inputs: tf.variable(tf.randomNormal([count, hidden], 0, 0.3, 'float32', seed)),
    biases: tf.variable(tf.zeros([hidden])),
    outputs: tf.variable(tf.randomNormal([hidden, 1], 0, 0.3, 'float32', seed + 1)),
  }));
  const x = tf.tensor2d(standard);
  const y = tf.tensor2d([...positives.map(() => 1), ...negatives.map(() => 0)], [rows.length, 1]);
  const sampleWeight = tf.tensor2d(
    [...positives.map(() => 0.5 / positives.length), ...negatives.map(() => 0.5 / negatives.length)],
    [rows.length, 1],
  );
  const optimizer = tf.train.adam(options.learningRate ?? 0.03);
  try {
    for (let step = 0; step < (options.steps ?? 800); step++) {
      optimizer.minimize(() => {
        const logits = score(x, weights);
        const losses = tf
          .sub(tf.relu(logits), tf.mul(logits, y))
          .add(tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
        const decay = tf.addN(
          [weights.linear, weights.inputs, weights.outputs].map((w) => tf.sum(tf.square(w))),
        );
        return tf.add(tf.sum(tf.mul(losses, sampleWeight)), tf.mul(l2, decay)) as tf.Scalar;
      });
    }
    const [linear, bias, inputs, biases, outputs] = [
      weights.linear,
      weights.bias,
      weights.inputs,
      weights.biases,
      weights.outputs,
    ].map((w) => Array.from(w.dataSync()));
    return {
      center,
      scale,
      bias: bias[0],
      linear,
      hidden: Array.from({ length: hidden }, (_, j) => ({
        bias: biases[j],
        input: Array.from({ length: count }, (_, k) => inputs[k * hidden + j]),
        output: outputs[j],
      })),
    };
  } finally {
    optimizer.dispose();
    tf.dispose([x, y, sampleWeight, ...Object.values(weights)]);
  }
}

function score(
  x: tf.Tensor2D,
  w: {
    linear: tf.Variable;
    bias: tf.Variable;
    inputs: tf.Variable;
    biases: tf.Variable;
    outputs: tf.Variable;
  },
): tf.Tensor2D {
  const hidden = tf.tanh(tf.add(tf.matMul(x, w.inputs as tf.Tensor2D), w.biases));
  return tf.add(
    tf.add(tf.matMul(x, w.linear as tf.Tensor2D), w.bias),
    tf.matMul(hidden, w.outputs as tf.Tensor2D),
  );
}

/** Per feature: mean and standard deviation (1 for a constant feature). */
function standardization(rows: readonly (readonly number[])[], count: number) {
  const center = new Array<number>(count).fill(0);
  const scale = new Array<number>(count).fill(0);
  for (const row of rows) for (let k = 0; k < count; k++) center[k] += row[k] / rows.length;
  for (const row of rows) for (let k = 0; k < count; k++) scale[k] += (row[k] - center[k]) ** 2 / rows.length;
  return { center, scale: scale.map((variance) => (variance > 1e-12 ? Math.sqrt(variance) : 1)) };
}

/** The score under which `share` of `scores` fall (their `share` quantile), for a rejection threshold. */
export function quantile(scores: readonly number[], share: number): number {
  const sorted = [...scores].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.floor(share * sorted.length)));
  return sorted[index];
}
