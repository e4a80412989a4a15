// Send a browser-trained model to a server started with `glyph serve --allow-model-uploads`.
import type * as tf from '@tensorflow/tfjs';
import type { ModelMetadata } from '@glyph/core/model';
import { uploadModelZip } from '../api/api-client';
import type { ModelUploadAnswer } from '../api/api-types';
import { modelFolderZip } from './download-model-zip';

export interface UploadModelOptions {
  /** Replace an earlier upload with the same id (the server never replaces its own models). */
  readonly replace?: boolean;
  readonly extras?: Record<string, Uint8Array | string>;
}

/**
 * Zips `model` as a model folder and uploads it as `metadata.id`; the server serves it at once.
 * Throws an ApiError with the server's message (uploads off: 404, id taken: 409, too large: 413,
 * invalid model: 422), or a GlyphError when the metadata does not fit the network.
 */
export async function uploadModel(
  model: tf.LayersModel,
  metadata: ModelMetadata,
  options: UploadModelOptions = {},
): Promise<ModelUploadAnswer> {
  const zip = await modelFolderZip(model, metadata, options.extras);
  return uploadModelZip(metadata.id, zip, { replace: options.replace ?? false });
}
