import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { checkNetworkMatchesMetadata, parseModelMetadata, type ModelMetadata } from '@glyph/core/model';
import { stagingPath, writeFileAtomic } from './atomic-write';
import { FileIoHandler } from './file-io-handler';
import type { WeightQuantization } from './quantize-weights';

export const metadataName = 'metadata.json';

export interface SaveModelFolderOptions {
  /** Store weights as float16 or uint8 (shipped models ≤ 2 MB); float32 when absent. */
  readonly quantize?: WeightQuantization;
}

/**
 * Writes a model folder (DESIGN "Model artifact"): `model.json`, one weight shard, `metadata.json`.
 * Metadata is validated against the schema and the network before anything is written. A new
 * folder appears all at once (staged beside it, then renamed); in an existing folder each file is
 * replaced atomically, metadata last, and other files there (history, curves) are left alone.
 * Returns the total bytes of the weight shard.
 *
 * @public
 */
export async function saveModelFolder(
  model: tf.LayersModel,
  directory: string,
  metadata: ModelMetadata,
  options: SaveModelFolderOptions = {},
): Promise<{ weightBytes: number }> {
  const target = resolve(directory);
  const valid = parseModelMetadata(metadata, target);
  checkNetworkMatchesMetadata(model, valid, target);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  const folder = exists ? target : stagingPath(target);
  await mkdir(exists ? target : dirname(target), { recursive: true });
  try {
    const result = await model.save(new FileIoHandler(folder, { quantize: options.quantize }));
    await writeFileAtomic(join(folder, metadataName), `${JSON.stringify(valid, null, 2)}\n`);
    if (!exists) await rename(folder, target);
    return { weightBytes: result.modelArtifactsInfo.weightDataBytes ?? 0 };
  } catch (error) {
    if (!exists) await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
