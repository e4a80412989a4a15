/** Precision, recall and F1 of one class, one-vs-rest. */
export interface ClassMetrics {
  /** Model output unit / label index. */
  readonly index: number;
  readonly label: string;
  /** Of the samples predicted as this class, the fraction that truly are; 0 when never predicted. */
  readonly precision: number;
  /** Of the samples of this class, the fraction predicted as it; 0 when the class has no samples. */
  readonly recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  readonly f1: number;
  /** Number of samples whose true class is this one. */
  readonly support: number;
  /** Number of samples the model assigned to this class. */
  readonly predicted: number;
}

export interface AveragedMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Per-class scores from a confusion matrix (rows true, columns predicted). Undefined ratios (a class
 * never predicted, or absent from the data) are 0 rather than NaN, as scikit-learn's
 * `zero_division=0`, so the report stays valid JSON and averages stay finite.
 */
export function classMetrics(
  matrix: readonly (readonly number[])[],
  labels: readonly string[],
): ClassMetrics[] {
  return labels.map((label, k) => {
    const truePositives = matrix[k]?.[k] ?? 0;
    const support = sum(matrix[k] ?? []);
    const predicted = sum(matrix.map((row) => row[k] ?? 0));
    const precision = safeRatio(truePositives, predicted);
    const recall = safeRatio(truePositives, support);
    const f1 = safeRatio(2 * precision * recall, precision + recall);
    return { index: k, label, precision, recall, f1, support, predicted };
  });
}

/**
 * Unweighted mean over the classes that occur in the data or the predictions (classes with neither
 * say nothing about the model and would drag the mean towards 0), as scikit-learn does by default.
 */
export function macroAverage(perClass: readonly ClassMetrics[]): AveragedMetrics {
  const present = perClass.filter((c) => c.support > 0 || c.predicted > 0);
  return averageBy(present, () => 1);
}

/** Mean weighted by support: dominated by the frequent classes, like accuracy. */
export function weightedAverage(perClass: readonly ClassMetrics[]): AveragedMetrics {
  return averageBy(perClass, (c) => c.support);
}

function averageBy(classes: readonly ClassMetrics[], weightOf: (c: ClassMetrics) => number): AveragedMetrics {
  let weight = 0;
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (const c of classes) {
    const w = weightOf(c);
    weight += w;
    precision += w * c.precision;
    recall += w * c.recall;
    f1 += w * c.f1;
  }
  return {
    precision: safeRatio(precision, weight),
    recall: safeRatio(recall, weight),
    f1: safeRatio(f1, weight),
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function safeRatio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
