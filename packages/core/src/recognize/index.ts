export type {
  Box,
  Charset,
  Prediction,
  Recognition,
  RecognizeOptions,
  Recognizer,
  SequenceOptions,
  SequenceRecognition,
} from './types';
export { applyCharsetMask, charsetMask, isDigitModel } from './charset';
export { classifyBatch } from './classify';
export { createRecognizer } from './create-recognizer';
export { loadRecognizer, loadRecognizerFromUrl } from './load-recognizer';
export { resolveTop, topK } from './top-k';
export {
  PIECE_FEATURE_NAMES,
  pieceFeatures,
  type LineMeasure,
  type PieceEvidence,
  type PieceFeatureName,
  type PieceKind,
} from './piece-features';
export {
  scorePiece,
  STRAY_SHARE,
  weighPiece,
  type HiddenUnit,
  type SequenceWeights,
} from './sequence-scoring';
export { SEQUENCE_WEIGHTS } from './sequence-weights';
export { classifyWithFeatures, type ClassifiedRows } from './classify';
export type { Rejection, RejectionReason } from '../calibration/judge-answer';
