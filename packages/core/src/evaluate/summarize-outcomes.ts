import { probabilityEpsilon } from '../train/gradients';
import type { ModelOutcomes } from './evaluate-model';

/** Loss and accuracy of an evaluation: what training reports per epoch and records in metadata. */
export interface EvaluationSummary {
  /** Mean cross-entropy of the true class, clipped as the training loss clips it. */
  readonly loss: number;
  readonly accuracy: number;
  readonly count: number;
}

/** Summarises `evaluateModel`'s outcomes; NaN loss and accuracy for no samples. */
export function summarizeOutcomes(
  outcomes: Pick<ModelOutcomes, 'trueClasses' | 'predictedClasses' | 'trueProbabilities'>,
): EvaluationSummary {
  const count = outcomes.trueClasses.length;
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const p = Math.min(1 - probabilityEpsilon, Math.max(probabilityEpsilon, outcomes.trueProbabilities[i]));
    lossSum -= Math.log(p);
    if (outcomes.predictedClasses[i] === outcomes.trueClasses[i]) correct += 1;
  }
  return {
    loss: count === 0 ? Number.NaN : lossSum / count,
    accuracy: count === 0 ? Number.NaN : correct / count,
    count,
  };
}
