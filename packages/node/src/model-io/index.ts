export { stagingPath, writeFileAtomic } from './atomic-write';
export {
  FileIoHandler,
  modelJsonName,
  pathFromFileUrl,
  registerFileRouters,
  weightShardName,
} from './file-io-handler';
export { toFloat16Bits } from './float16';
export { loadModelFolder, readMetadata, readModelFolder, type LoadedModelFolder } from './load-model-folder';
export { quantizeWeights, type WeightQuantization } from './quantize-weights';
export { metadataName, saveModelFolder, type SaveModelFolderOptions } from './save-model-folder';
