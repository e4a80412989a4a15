import type { InkExtraction } from '../preprocess/extract-ink';
import type { ModelCalibration } from './calibration-artifact';
import { detectorScore } from './detector-score';
import { inkAspect, inkShape } from './ink-shape';
import { rejectionFeatures } from './rejection-features';
import { countCharactersSideBySide } from './side-by-side';

export type RejectionReason = 'not-a-character' | 'several-characters' | 'uncertain';

/** Why an answer should not be taken as read; the predictions stay available beside it. */
export interface Rejection {
  readonly reason: RejectionReason;
  /** One sentence for the writer. */
  readonly hint: string;
}

export const REJECTION_HINTS: Readonly<Record<RejectionReason, string>> = {
  'several-characters': 'This looks like several characters side by side: try sequence mode.',
  'not-a-character': 'This does not look like a character (a dot, a line or a scribble?).',
  uncertain: 'Not sure: the model finds several readings about equally likely.',
};

/** Ink at least this much wider than tall may be several characters: only then run the segmenter. */
const WIDE_INK = 1.05;

export interface AnswerEvidence {
  /** The ink `preprocess` found (ink recipes), counted for several characters side by side. */
  readonly extraction?: InkExtraction;
  /** Model input, `[height*width]` float32 in [0,1] (ink models: one channel, ink bright). */
  readonly input: Float32Array;
  readonly width: number;
  readonly height: number;
  /** Calibrated probabilities. */
  readonly probabilities: ArrayLike<number>;
  /** Penultimate features of the same pass (empty when the network has none). */
  readonly features: ArrayLike<number>;
}

/**
 * Whether a single-character answer should be flagged, most specific reason first: several
 * characters side by side (the segmenter counts them, only for wide ink so narrow writing costs
 * nothing), then the fitted "not a character" detector, then a low calibrated confidence.
 */
export function judgeAnswer(
  evidence: AnswerEvidence,
  calibration: ModelCalibration | undefined,
  ink: boolean,
): Rejection | undefined {
  if (ink) {
    const shape = inkShape(evidence.input, evidence.width, evidence.height);
    if (
      inkAspect(shape, evidence.width, evidence.height) >= WIDE_INK &&
      countCharactersSideBySide(evidence.extraction) >= 2
    )
      return reject('several-characters');
  }
  if (calibration === undefined) return undefined;
  const { detector } = calibration;
  if (ink && detector !== undefined && evidence.features.length > 0) {
    const features = rejectionFeatures({ ...evidence, classDirections: detector.classDirections });
    if (detectorScore(features, detector) < detector.threshold) return reject('not-a-character');
  }
  let top = 0;
  for (let i = 0; i < evidence.probabilities.length; i++) top = Math.max(top, evidence.probabilities[i]);
  return top < calibration.uncertainBelow ? reject('uncertain') : undefined;
}

function reject(reason: RejectionReason): Rejection {
  return { reason, hint: REJECTION_HINTS[reason] };
}
