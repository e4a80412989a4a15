export { loadRecognizerFromFolder } from './load-recognizer-from-folder';
// A tiny model folder with known answers (ring → "0", bar → "1") for tests of loading, CLI, server, browser.
export {
  barStroke,
  drawPage,
  ringStroke,
  saveTemplateModelFolder,
  templateLabels,
  templateMetadata,
  templateModel,
} from './test-fixtures';
export { readCalibration, type FolderCalibration } from './read-calibration';
export { readSequenceScorer } from './read-sequence-scorer';
