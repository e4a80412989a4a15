import type { ModelMetadata } from '../model/metadata';
import type { InputShape } from '../preprocess/ink-recipes';

/** The model input of a metadata record, in the shape `preprocess` takes. */
export function metadataInput(metadata: Pick<ModelMetadata, 'input'>): InputShape {
  return { width: metadata.input.width, height: metadata.input.height, channels: metadata.input.channels };
}
