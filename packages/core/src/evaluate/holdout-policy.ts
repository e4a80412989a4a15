export interface HoldoutDecisionInput {
  /** `--holdout` as the user gave it. */
  readonly requested?: number;
  /** From the model's metadata: the dataset it was trained on and its content-hash holdout, if any. */
  readonly trainedOn?: { readonly name: string; readonly holdout?: { readonly fraction: number } };
  /** The dataset being evaluated, named the same way as `trainedOn.name` (no split suffix). */
  readonly evaluating: string;
}

export interface HoldoutDecision {
  /** Fraction to hold out by content hash; undefined to evaluate the split as it is. */
  readonly fraction?: number;
  readonly source: 'flag' | 'model' | 'none';
  /** What the reader must know about this choice (shown in every rendering of the report). */
  readonly notes: readonly string[];
}

/**
 * Chooses the samples to score so a model trained on a content-hash partition is scored on its own
 * held-out part by default, and says when the choice can include images it was trained on. An image
 * is held out when its hash falls below `fraction`, so a smaller fraction than training's is a
 * subset of the held-out part and a larger one reaches into the training part.
 */
export function decideHoldout(input: HoldoutDecisionInput): HoldoutDecision {
  const { requested, trainedOn, evaluating } = input;
  const trained = trainedOn?.holdout?.fraction;
  const sameDataset = trainedOn !== undefined && trainedOn.name === evaluating;
  if (requested !== undefined) {
    const notes =
      trained !== undefined && sameDataset && requested > trained
        ? [
            `--holdout ${requested} is larger than the model's training holdout ${trained}: part of these images were used for training, so the numbers are optimistic. Use --holdout ${trained} or less.`,
          ]
        : [];
    return { fraction: requested, source: 'flag', notes };
  }
  if (trained !== undefined && sameDataset) {
    return {
      fraction: trained,
      source: 'model',
      notes: [
        `Scored on the model's own held-out partition (holdout ${trained} by content hash, as recorded in its metadata.json).`,
      ],
    };
  }
  if (trained !== undefined) {
    return {
      source: 'none',
      notes: [
        `The model was trained on a content-hash partition of ${trainedOn?.name}; ${evaluating} may share images with its training part, so these numbers may be optimistic.`,
      ],
    };
  }
  return { source: 'none', notes: [] };
}
