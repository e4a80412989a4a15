export { loadRecognizerFromFolder } from './load-recognizer-from-folder';
export { readCalibration, type FolderCalibration } from './read-calibration';
export { readSequenceScorer } from './read-sequence-scorer';
