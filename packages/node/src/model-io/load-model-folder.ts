import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import { checkNetworkMatchesMetadata, parseModelMetadata, type ModelMetadata } from '@glyph/core/model';
import { FileIoHandler, modelJsonName } from './file-io-handler';
import { metadataName } from './save-model-folder';

export interface LoadedModelFolder {
  readonly model: tf.LayersModel;
  readonly metadata: ModelMetadata;
  /** The absolute folder path. */
  readonly directory: string;
}

/**
 * Loads a model folder, checking in order — each failure a clear `MODEL_NOT_FOUND`/`MODEL_INVALID`
 * before the next, more expensive step: the folder exists, `metadata.json` exists and is valid, the
 * network loads, and it is the classifier the metadata describes (`checkNetworkMatchesMetadata`).
 *
 * @public
 */
export async function loadModelFolder(directory: string): Promise<LoadedModelFolder> {
  const loaded = await readModelFolder(directory);
  try {
    checkNetworkMatchesMetadata(loaded.model, loaded.metadata, loaded.directory);
  } catch (error) {
    loaded.model.dispose();
    throw error;
  }
  return loaded;
}

/**
 * `loadModelFolder` without the network ↔ metadata check, for a caller that runs it next anyway
 * (`createRecognizer` does), so loading a model checks it once.
 */
export async function readModelFolder(directory: string): Promise<LoadedModelFolder> {
  const folder = resolve(directory);
  const metadata = await readMetadata(folder);
  const modelPath = join(folder, modelJsonName);
  if (!(await isFile(modelPath))) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${folder} has metadata.json but no ${modelJsonName}. A model folder holds model.json, its weight files and metadata.json; re-export it with \`glyph train\`.`,
    );
  }
  try {
    const model = await tf.loadLayersModel(new FileIoHandler(modelPath));
    return { model, metadata, directory: folder };
  } catch (error) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${folder}/${modelJsonName} could not be loaded as a TF.js layers model (${(error as Error).message}). Check that every weight file it lists is present and complete.`,
      { cause: error },
    );
  }
}

/** Reads and validates `metadata.json` of a model folder without touching the network. */
export async function readMetadata(folder: string): Promise<ModelMetadata> {
  if (
    !(await stat(folder).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  ) {
    throw new GlyphError(
      'MODEL_NOT_FOUND',
      `No model folder at ${folder}. Pass the folder that holds model.json and metadata.json (e.g. models/digits).`,
    );
  }
  const path = join(folder, metadataName);
  if (!(await isFile(path))) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${folder} has no ${metadataName}: Glyph needs it to know the labels, input size and preprocessing. Re-export the model with \`glyph train\`, or add a metadata.json (see docs/models.md).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new GlyphError('MODEL_INVALID', `${path} is not valid JSON (${(error as Error).message}).`, {
      cause: error,
    });
  }
  return parseModelMetadata(json, folder);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
