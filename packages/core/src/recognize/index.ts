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
