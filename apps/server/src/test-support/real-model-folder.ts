import { mkdtemp, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelMetadata } from '@glyph/core/model';
import { saveModelFolder } from '@glyph/node/model-io';

/**
 * A real model folder (model.json + weights + metadata.json) holding a tiny seeded CNN, written
 * with the project's own saver, so the production loader can be exercised end to end.
 */
export async function writeRealModelFolder(folder: string, metadata: ModelMetadata): Promise<string> {
  const { width, height, channels } = metadata.input;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [height, width, channels],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: metadata.labels.length,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
      }),
    ],
  });
  try {
    await saveModelFolder(model, folder, metadata);
  } finally {
    model.dispose();
  }
  return folder;
}

/** A fresh models directory with one real model folder per metadata. */
export async function writeRealModelsDir(models: readonly ModelMetadata[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'glyph-real-models-'));
  for (const metadata of models) await writeRealModelFolder(path.join(root, metadata.id), metadata);
  return root;
}

/**
 * Publishes `version` of the model in `modelDir` as operators are told to: written under a
 * dot-prefixed name the server ignores, then renamed into place in one step.
 */
export async function publishVersion(
  modelDir: string,
  version: number,
  metadata: ModelMetadata,
): Promise<string> {
  const staging = path.join(modelDir, `.${version}.tmp`);
  await writeRealModelFolder(staging, metadata);
  const folder = path.join(modelDir, String(version));
  await rename(staging, folder);
  return folder;
}
