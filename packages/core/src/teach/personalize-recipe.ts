/**
 * How corrections move a trained model without undoing what it knows: only the top layers (above
 * the last pooling) and the softmax train, pulled back towards their shipped values (L2-SP), on
 * augmented views of the corrections, each shown `repeats` times per epoch, mixed with the rehearsal
 * images when given. Chosen on boxy digits against the shipped digits model (bench/teach-check.ts).
 */
export const personalizeRecipe = {
  epochs: 20,
  views: 8,
  batchSize: 16,
  learningRate: 0.002,
  upperRate: 0.001,
  dropout: 0.25,
  anchorWeight: 0.3,
  repeats: 10,
  /** Tune the layers above the last pooling too (false: only the softmax). */
  tuneTop: true,
};
export type PersonalizeRecipe = typeof personalizeRecipe;
