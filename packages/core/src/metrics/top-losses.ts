/** One sample the model got most wrong (or least sure right). */
export interface TopLoss {
  /** Position of the sample in the evaluated data. */
  readonly index: number;
  /** The file the sample was read from (folder datasets), relative to the dataset folder. */
  readonly source?: string;
  readonly actual: string;
  readonly predicted: string;
  /** Probability the model gave its prediction. */
  readonly confidence: number;
  /** Probability the model gave the true class. */
  readonly trueProbability: number;
  /** Cross-entropy of the sample: -ln(trueProbability). */
  readonly loss: number;
}

/** Per-sample outcome of a forward pass, columnar so 100k samples stay a few typed arrays. */
export interface SampleOutcomes {
  readonly trueClasses: ArrayLike<number>;
  readonly predictedClasses: ArrayLike<number>;
  /** Probability of the predicted class per sample. */
  readonly confidences: ArrayLike<number>;
  /** Probability of the true class per sample. */
  readonly trueProbabilities: ArrayLike<number>;
}

// Softmax outputs can underflow to exactly 0; clamp as Keras does so the loss stays finite.
const minProbability = 1e-7;

/** Cross-entropy of one sample given the probability of its true class. */
export function sampleLoss(trueProbability: number): number {
  // ln(1/p) rather than -ln(p): a certain, right answer has loss +0, not -0 (which JSON cannot keep).
  return Math.log(1 / Math.min(1, Math.max(minProbability, trueProbability)));
}

/**
 * The `count` samples with the highest loss, highest first (fastai's `top_losses`). Ties keep data
 * order so the selection is deterministic.
 */
export function topLosses(outcomes: SampleOutcomes, labels: readonly string[], count: number): TopLoss[] {
  const n = outcomes.trueClasses.length;
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) losses[i] = sampleLoss(outcomes.trueProbabilities[i]);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => losses[b] - losses[a] || a - b);
  return order.slice(0, Math.max(0, count)).map((index) => ({
    index,
    actual: labels[outcomes.trueClasses[index]],
    predicted: labels[outcomes.predictedClasses[index]],
    confidence: outcomes.confidences[index],
    trueProbability: outcomes.trueProbabilities[index],
    loss: losses[index],
  }));
}
