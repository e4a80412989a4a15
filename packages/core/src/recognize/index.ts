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
