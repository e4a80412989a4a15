export {
  CALIBRATION_FILE,
  calibrationMatches,
  calibrationSchema,
  parseCalibration,
  type ModelCalibration,
  type RejectionDetector,
} from './calibration-artifact';
export { detectorScore } from './detector-score';
export { INK_SHAPE_NAMES, inkAspect, inkShape } from './ink-shape';
export {
  judgeAnswer,
  REJECTION_HINTS,
  type AnswerEvidence,
  type Rejection,
  type RejectionReason,
} from './judge-answer';
export { REJECTION_FEATURE_NAMES, rejectionFeatures, type RejectionEvidence } from './rejection-features';
export { countSideBySide } from './side-by-side';
export { applyTemperature, fitTemperature, temperedLogLoss } from './temperature';
export { collectEvidence, type Evidence } from './collect-evidence';
export { fitCalibration, type FitCalibrationInput } from './fit-calibration';
export { fitDetector, quantile, type DetectorFitOptions, type FittedWeights } from './fit-detector';
export {
  drawNonCharacter,
  MAX_LINE_ANGLE_DEGREES,
  NON_CHARACTER_KINDS,
  type NonCharacterKind,
} from './non-characters';
