import type { RejectionDetector } from './calibration-artifact';

/**
 * The detector's score: log odds that the image is a character. Features are standardized, weighed
 * linearly, plus a few tanh units that let evidence interact (a sure reading counts for less when the
 * ink is a bare bar).
 */
export function detectorScore(features: ArrayLike<number>, detector: RejectionDetector): number {
  const count = detector.center.length;
  const standard = new Float64Array(count);
  let score = detector.bias;
  for (let k = 0; k < count; k++) {
    standard[k] = (features[k] - detector.center[k]) / detector.scale[k];
    score += detector.linear[k] * standard[k];
  }
  for (const unit of detector.hidden) {
    let activation = unit.bias;
    for (let k = 0; k < count; k++) activation += unit.input[k] * standard[k];
    score += unit.output * Math.tanh(activation);
  }
  return score;
}
