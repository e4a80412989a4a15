import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from './atomic-write';
import { quantizeWeights, type WeightQuantization } from './quantize-weights';

export const modelJsonName = 'model.json';
/** The TF.js converter's shard name, so folders look like every other TF.js model. */
export const weightShardName = 'group1-shard1of1.bin';

/** `file:///abs/dir` or `file://rel/dir` → a filesystem path. */
export function pathFromFileUrl(url: string): string {
  return url.startsWith('file://') ? url.slice('file://'.length) : url;
}

/**
 * TF.js model IO on the local filesystem, the part of `tfjs-node` Glyph needs: save writes
 * `model.json` and one weight shard into a directory (each file replaced atomically, weights first,
 * so `model.json` never points at missing weights); load reads `model.json` (or a directory holding
 * it) and every shard it lists.
 */
export class FileIoHandler implements tf.io.IOHandler {
  private readonly path: string;

  constructor(
    path: string,
    private readonly options: { quantize?: WeightQuantization } = {},
  ) {
    this.path = resolve(pathFromFileUrl(path));
  }

  async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
    const topology = artifacts.modelTopology;
    if (topology === undefined || topology instanceof ArrayBuffer) {
      throw new Error('FileIoHandler saves layers models (JSON topology) only');
    }
    const directory = this.path.endsWith('.json') ? dirname(this.path) : this.path;
    await mkdir(directory, { recursive: true });
    let specs = artifacts.weightSpecs ?? [];
    let data =
      artifacts.weightData === undefined
        ? new ArrayBuffer(0)
        : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
    if (this.options.quantize) ({ specs, data } = quantizeWeights(specs, data, this.options.quantize));
    const modelJson: tf.io.ModelJSON = {
      modelTopology: topology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      weightsManifest: [{ paths: [weightShardName], weights: specs }],
      ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
    };
    await writeFileAtomic(join(directory, weightShardName), new Uint8Array(data));
    await writeFileAtomic(join(directory, modelJsonName), JSON.stringify(modelJson));
    return {
      modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({
        ...artifacts,
        weightSpecs: specs,
        weightData: data,
      }),
    };
  }

  async load(): Promise<tf.io.ModelArtifacts> {
    const modelPath = this.path.endsWith('.json') ? this.path : join(this.path, modelJsonName);
    const directory = dirname(modelPath);
    const modelJson = JSON.parse(await readFile(modelPath, 'utf8')) as tf.io.ModelJSON;
    return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
      const buffers: ArrayBuffer[] = [];
      for (const group of manifest) {
        for (const shard of group.paths) {
          const bytes = await readFile(join(directory, shard));
          buffers.push(
            bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
          );
        }
      }
      return [tf.io.getWeightSpecs(manifest), tf.io.concatenateArrayBuffers(buffers)];
    });
  }
}

let registered = false;

/**
 * Teaches `tf.loadLayersModel('file://…')` and `model.save('file://…')` the local filesystem.
 * Idempotent: registering twice would make tfjs find two handlers and refuse the URL.
 */
export function registerFileRouters(): void {
  if (registered) return;
  registered = true;
  // tfjs types routers as always returning a handler, but a router answers null for URLs it does
  // not own; that is how several routers share the registry.
  const router = ((url: string | string[]) =>
    typeof url === 'string' && url.startsWith('file://')
      ? new FileIoHandler(url)
      : null) as unknown as Parameters<typeof tf.io.registerSaveRouter>[0];
  tf.io.registerSaveRouter(router);
  tf.io.registerLoadRouter(router);
}
