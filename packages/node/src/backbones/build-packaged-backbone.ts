import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import type { BackboneMetadata } from '@glyph/core/model';
import { FileIoHandler, weightShardName } from '../model-io/file-io-handler';
import { writeFileAtomic } from '../model-io/atomic-write';
import type { PackagedBackbone } from './packaged-backbones';
import { featureModel } from './feature-model';

const require = createRequire(import.meta.url);

/**
 * Builds a backbone folder from the npm package that ships its weights: reads the package's model
 * topology and weights, cuts the network at its feature layer, and writes `model.json`, the weight
 * shard and backbone `metadata.json` (source, licence, weight digest) into `directory`.
 */
export async function buildPackagedBackbone(
  backbone: PackagedBackbone,
  directory: string,
): Promise<BackboneMetadata> {
  const root = packageRoot(backbone);
  const version = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version as string;
  if (version !== backbone.packageVersion) {
    throw new GlyphError(
      'BAD_USAGE',
      `The installed ${backbone.packageName} is ${version}, but the ${backbone.id} backbone is built from ${backbone.packageVersion}. Run \`npm ci\` to install the pinned version.`,
    );
  }
  const { modelTopology, weightsManifest } = require(join(root, backbone.modelModule)) as tf.io.ModelJSON;
  const shard = Buffer.from(require(join(root, backbone.shardModule)) as string, 'base64');
  const full = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology,
      weightSpecs: weightsManifest.flatMap((group) => group.weights),
      weightData: shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength),
    }),
  );
  try {
    const model = featureModel(full, backbone.features);
    await model.save(new FileIoHandler(directory));
    const weights = await readFile(join(directory, weightShardName));
    const [, height, width] = model.inputs[0].shape as number[];
    const metadata: BackboneMetadata = {
      id: backbone.id,
      name: backbone.name,
      task: 'backbone',
      input: { width, height, channels: 3 },
      preprocessing: { kind: 'photo', ...(backbone.resize && { resize: backbone.resize }) },
      features: backbone.features,
      featureSize: model.outputs[0].shape[1] as number,
      fineTuneFrom: backbone.fineTuneFrom,
      source: `npm:${backbone.packageName}@${backbone.packageVersion}/${backbone.modelModule}`,
      licence: backbone.licence,
      sha256: createHash('sha256').update(weights).digest('hex'),
      createdAt: new Date().toISOString(),
      version: '1',
    };
    await writeFileAtomic(join(directory, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
    return metadata;
  } finally {
    full.dispose();
  }
}

function packageRoot(backbone: PackagedBackbone): string {
  try {
    // The package's `exports` hide package.json: find the root from its main entry.
    let folder = dirname(require.resolve(backbone.packageName));
    while (!isPackageRoot(folder, backbone.packageName) && dirname(folder) !== folder)
      folder = dirname(folder);
    return folder;
  } catch (error) {
    throw new GlyphError(
      'MODEL_NOT_FOUND',
      `The ${backbone.id} backbone is built from the npm package ${backbone.packageName}@${backbone.packageVersion}, which is not installed. Run \`npm ci\` (it is a dependency of @glyph/node).`,
      { cause: error },
    );
  }
}

/** Nested `package.json` files (`{"type": "commonjs"}` in dist folders) are not the package root. */
function isPackageRoot(folder: string, name: string): boolean {
  const path = join(folder, 'package.json');
  return existsSync(path) && (JSON.parse(readFileSync(path, 'utf8')) as { name?: string }).name === name;
}
