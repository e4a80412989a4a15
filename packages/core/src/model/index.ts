export {
  modelMetadataSchema,
  preprocessingSpecSchema,
  type ModelMetadata,
  type PreprocessingSpec,
} from './metadata';
export { assertLabelsMatchOutputs, parseModelMetadata } from './parse-metadata';
export { checkNetworkMatchesMetadata, type NetworkDescription, type NetworkShape } from './network-shape';
export { backboneMetadataSchema, parseBackboneMetadata, type BackboneMetadata } from './backbone-metadata';
export {
  defaultModelZipLimits,
  metadataFileName,
  modelJsonFileName,
  unzipModelFolder,
  weightShardFileName,
  zipModelFolder,
  type ModelZipLimits,
  type UnzippedModelFolder,
} from './model-zip';
export {
  loadModelFromArtifacts,
  modelArtifacts,
  topologyOutputUnits,
  weightByteLength,
} from './model-zip-artifacts';
