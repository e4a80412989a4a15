// Import a Glyph model folder zip chosen by the user (file input or drop).
import type * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import {
  defaultModelZipLimits,
  loadModelFromArtifacts,
  unzipModelFolder,
  type ModelMetadata,
  type UnzippedModelFolder,
} from '@glyph/core/model';

/**
 * The model folder inside a zip file: artifacts, validated metadata and every file by path. Throws a
 * GlyphError whose message names the file and says what is wrong (not a zip, corrupt, files
 * missing, weights of the wrong size, invalid metadata, too large).
 */
export async function readModelZip(file: Blob & { readonly name?: string }): Promise<UnzippedModelFolder> {
  const source = file.name ?? 'The model zip';
  const limit = defaultModelZipLimits.maxUncompressedBytes;
  if (file.size > limit) {
    throw new GlyphError(
      'PAYLOAD_TOO_LARGE',
      `${source} is ${file.size} bytes; a model folder zip may be at most ${limit} bytes. Choose the zip of one model folder.`,
    );
  }
  return unzipModelFolder(new Uint8Array(await file.arrayBuffer()), source);
}

export interface ImportedModel {
  /** The network, ready to predict; the caller disposes it. */
  readonly model: tf.LayersModel;
  readonly metadata: ModelMetadata;
  /** Every file of the folder by path, e.g. `calibration.json`, to keep beside the model. */
  readonly files: Record<string, Uint8Array>;
}

/** Reads a model folder zip and builds its network, checked against the metadata's labels. */
export async function importModelZip(file: Blob & { readonly name?: string }): Promise<ImportedModel> {
  const { artifacts, metadata, files } = await readModelZip(file);
  const model = await loadModelFromArtifacts(artifacts, metadata, file.name ?? 'The model zip');
  return { model, metadata, files };
}
