export {
  modelMetadataSchema,
  preprocessingSpecSchema,
  type ModelMetadata,
  type PreprocessingSpec,
} from './metadata';
export { assertLabelsMatchOutputs, parseModelMetadata } from './parse-metadata';
