import { INK_SHAPE_NAMES, inkShape } from './ink-shape';

/** What the "not a character" detector weighs, in this order (recorded in `calibration.json`). */
export const REJECTION_FEATURE_NAMES = [
  'confidence-log-odds',
  'entropy',
  'feature-norm',
  'class-cosine',
  ...INK_SHAPE_NAMES,
] as const;

export interface RejectionEvidence {
  /** Model input, `[height*width]` float32 in [0,1] (one channel, ink bright). */
  readonly input: Float32Array;
  readonly width: number;
  readonly height: number;
  /** Calibrated class probabilities. */
  readonly probabilities: ArrayLike<number>;
  /** Input of the model's last dense layer for this image. */
  readonly features: ArrayLike<number>;
  /** Per output unit, the unit-length mean features of its training images. */
  readonly classDirections: readonly (readonly number[])[];
}

/**
 * The detector's inputs for one image: how sure the calibrated model is, how far its penultimate
 * features are from what the predicted class looks like (norm and cosine to the class mean, which
 * out-of-distribution inputs rarely match), and the shape of the ink. A few hundred flops.
 */
export function rejectionFeatures(evidence: RejectionEvidence): number[] {
  const { probabilities, features } = evidence;
  let top = 0;
  let entropy = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (p > probabilities[top]) top = i;
    if (p > 0) entropy -= p * Math.log(p);
  }
  const confidence = Math.min(1 - 1e-6, Math.max(1e-6, probabilities[top]));
  const direction = evidence.classDirections[top] ?? [];
  let normSquared = 0;
  let dot = 0;
  for (let k = 0; k < features.length; k++) {
    normSquared += features[k] * features[k];
    dot += features[k] * (direction[k] ?? 0);
  }
  const norm = Math.sqrt(normSquared);
  return [
    Math.log(confidence / (1 - confidence)),
    entropy / Math.log(Math.max(2, probabilities.length)),
    Math.log1p(norm),
    norm > 0 ? dot / norm : 0,
    ...inkShape(evidence.input, evidence.width, evidence.height),
  ];
}
