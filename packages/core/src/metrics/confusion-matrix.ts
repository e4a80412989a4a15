import { GlyphError } from '../errors/glyph-error';

/**
 * Counts of (true class, predicted class) pairs: `matrix[t][p]` is how many samples of class `t` the
 * model called `p` (rows true, columns predicted, the scikit-learn convention). Plain arrays so the
 * result is JSON as is.
 */
export function confusionMatrix(
  trueClasses: ArrayLike<number>,
  predictedClasses: ArrayLike<number>,
  numClasses: number,
): number[][] {
  if (trueClasses.length !== predictedClasses.length) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `confusionMatrix got ${trueClasses.length} true classes but ${predictedClasses.length} predictions; pass one prediction per sample.`,
    );
  }
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new GlyphError('BAD_USAGE', `numClasses must be a positive integer, got ${numClasses}.`);
  }
  const counts = new Int32Array(numClasses * numClasses);
  for (let i = 0; i < trueClasses.length; i++) {
    const actual = checkedClass(trueClasses[i], numClasses, i, 'true');
    const predicted = checkedClass(predictedClasses[i], numClasses, i, 'predicted');
    counts[actual * numClasses + predicted]++;
  }
  return Array.from({ length: numClasses }, (_, row) =>
    Array.from(counts.subarray(row * numClasses, (row + 1) * numClasses)),
  );
}

function checkedClass(value: number, numClasses: number, sample: number, kind: string): number {
  if (!Number.isInteger(value) || value < 0 || value >= numClasses) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `Sample ${sample} has ${kind} class ${value}, outside 0..${numClasses - 1}; class indices must address the model's labels.`,
    );
  }
  return value;
}

/** Fraction of samples on the diagonal; 0 (not NaN) for an empty matrix. */
export function accuracyFromConfusion(matrix: readonly (readonly number[])[]): number {
  let correct = 0;
  let total = 0;
  matrix.forEach((row, t) => {
    row.forEach((count, p) => {
      total += count;
      if (t === p) correct += count;
    });
  });
  return total === 0 ? 0 : correct / total;
}
