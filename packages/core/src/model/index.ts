export {
  modelMetadataSchema,
  preprocessingSpecSchema,
  type ModelMetadata,
  type PreprocessingSpec,
} from './metadata';
export { assertLabelsMatchOutputs, parseModelMetadata } from './parse-metadata';
export { backboneMetadataSchema, parseBackboneMetadata, type BackboneMetadata } from './backbone-metadata';
