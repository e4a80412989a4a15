// Test helpers for packages/node and the apps built on it (`@glyph/node/testing`): tiny datasets on
// disk, a template model folder with known answers, fixed reports and models. Production code never
// imports this entry; lint refuses it outside tests (eslint.config.js).
export { gzip, idxBytes, removeTempDirs, sharedDataDir, tempDir, writeFiles } from './dataset-files';
export {
  buildAssortedLayersModel,
  buildMobileNetLikeBackbone,
  buildTransferLikeModel,
  randomInputs,
  randomizeBatchNorms,
} from './export-models';
export { fixtureImages, fixtureReport } from './report-fixture';
export {
  barStroke,
  drawPage,
  ringStroke,
  saveTemplateModelFolder,
  templateLabels,
  templateMetadata,
  templateModel,
} from './template-model';
export { tinyConfig, writeBarsFolder, writeTinyMnist } from './training-folders';
export { boxyDigits, drawTemplate, europeanOne, europeanSeven } from './writer-style-digits';
