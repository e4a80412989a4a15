/** Smallest probability used when taking logs, so a saturated softmax keeps finite log odds. */
const FLOOR = 1e-30;

/**
 * A probability row at temperature `temperature`: softmax(logits / T). The row is a softmax already,
 * so log p equals the logits up to a constant and p^(1/T), renormalized, is exactly that.
 */
export function applyTemperature(probabilities: ArrayLike<number>, temperature: number): Float32Array {
  const count = probabilities.length;
  const out = new Float32Array(count);
  if (temperature === 1) {
    for (let i = 0; i < count; i++) out[i] = probabilities[i];
    return out;
  }
  let maxLog = -Infinity;
  for (let i = 0; i < count; i++) maxLog = Math.max(maxLog, Math.log(Math.max(FLOOR, probabilities[i])));
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const value = Math.exp((Math.log(Math.max(FLOOR, probabilities[i])) - maxLog) / temperature);
    out[i] = value;
    sum += value;
  }
  for (let i = 0; i < count; i++) out[i] /= sum;
  return out;
}

/** Mean negative log likelihood of the true classes at temperature `temperature`. */
export function temperedLogLoss(
  rows: readonly ArrayLike<number>[],
  truth: ArrayLike<number>,
  temperature: number,
): number {
  let total = 0;
  for (let n = 0; n < rows.length; n++) {
    const tempered = applyTemperature(rows[n], temperature);
    total -= Math.log(Math.max(FLOOR, tempered[truth[n]]));
  }
  return total / Math.max(1, rows.length);
}

/**
 * Temperature scaling: the T in [0.05, 20] that minimizes the log loss of held-out rows (one
 * parameter, so a golden-section search on log T is exact enough and needs no optimizer).
 */
export function fitTemperature(rows: readonly ArrayLike<number>[], truth: ArrayLike<number>): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.05);
  let high = Math.log(20);
  const loss = (logT: number) => temperedLogLoss(rows, truth, Math.exp(logT));
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let step = 0; step < 40 && high - low > 1e-4; step++) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}
