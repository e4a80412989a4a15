import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync, type UnzipFileInfo, type Zippable } from 'fflate';
import { GlyphError } from '../errors/glyph-error';
import type { ModelMetadata } from './metadata';
import { topologyOutputUnits, weightByteLength } from './model-zip-artifacts';
import { assertLabelsMatchOutputs, parseModelMetadata } from './parse-metadata';

export const modelJsonFileName = 'model.json';
export const metadataFileName = 'metadata.json';
/** The TF.js converter's shard name, as `glyph train` writes it, so zipped folders look the same. */
export const weightShardFileName = 'group1-shard1of1.bin';

/** What `unzipModelFolder` accepts before inflating anything (a zip bomb stops here). */
export interface ModelZipLimits {
  /** Sum of the files' uncompressed sizes. */
  readonly maxUncompressedBytes: number;
  readonly maxFiles: number;
}

export const defaultModelZipLimits: ModelZipLimits = {
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxFiles: 512,
};

export interface UnzippedModelFolder {
  readonly artifacts: tf.io.ModelArtifacts;
  readonly metadata: ModelMetadata;
  /** Every file of the folder by its path inside it (`model.json`, `report/report.json`, …). */
  readonly files: Record<string, Uint8Array>;
}

/**
 * A Glyph model folder as zip bytes: `<id>/model.json`, `<id>/group1-shard1of1.bin` (all weights in
 * one shard, named by the manifest) and `<id>/metadata.json`, plus `extras` (e.g. `calibration.json`)
 * by their path inside the folder. The metadata is validated with the schema and against the
 * network's output units before anything is packed. Throws MODEL_INVALID, or BAD_USAGE for an
 * extra whose name is unsafe or taken.
 */
export function zipModelFolder(
  artifacts: tf.io.ModelArtifacts,
  metadata: ModelMetadata,
  extras: Record<string, Uint8Array | string> = {},
): Uint8Array {
  const source = `Model "${String((metadata as { id?: unknown }).id)}"`;
  const valid = parseModelMetadata(metadata, source);
  const topology = artifacts.modelTopology;
  if (topology === undefined || topology instanceof ArrayBuffer) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source} has no layers-model topology. Expected the artifacts of a tf.LayersModel (modelArtifacts(model)); graph models cannot be packed.`,
    );
  }
  const outputUnits = topologyOutputUnits(topology);
  if (outputUnits !== undefined) assertLabelsMatchOutputs(valid, outputUnits, source);
  const weightSpecs = artifacts.weightSpecs ?? [];
  const weights = new Uint8Array(
    artifacts.weightData === undefined
      ? new ArrayBuffer(0)
      : tf.io.CompositeArrayBuffer.join(artifacts.weightData),
  );
  assertWeightBytes(weights.byteLength, weightByteLength(weightSpecs), `${source}: the weight data`);
  const modelJson: tf.io.ModelJSON = {
    modelTopology: topology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [weightShardFileName], weights: weightSpecs }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
  const folder: Zippable = {
    [modelJsonFileName]: strToU8(JSON.stringify(modelJson)),
    [weightShardFileName]: weights,
    [metadataFileName]: strToU8(`${JSON.stringify(valid, null, 2)}\n`),
  };
  for (const [name, content] of Object.entries(extras)) {
    if (!isSafeRelativePath(name) || name in folder) {
      throw new GlyphError(
        'BAD_USAGE',
        `Cannot add "${name}" to the zip of ${source}: an extra file needs a relative path of plain names, other than model.json, its weights and metadata.json.`,
      );
    }
    folder[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync({ [valid.id]: folder }, { level: 6 });
}

/**
 * Reads a zipped Glyph model folder (files at the root of the zip or inside one top folder) and
 * checks it as `glyph serve` would before loading: a real zip within `limits` (count and declared
 * sizes, judged before inflating), `model.json` with a layers topology, every weight file its
 * manifest names with the byte length the manifest implies, valid `metadata.json` whose labels
 * match the output units. `source` names the zip in messages. Throws MODEL_INVALID (bad or
 * incomplete zip) or PAYLOAD_TOO_LARGE (limits).
 */
export function unzipModelFolder(
  bytes: Uint8Array,
  source: string,
  limits: ModelZipLimits = defaultModelZipLimits,
): UnzippedModelFolder {
  const files = rootedFiles(readZip(bytes, source, limits), source);
  const modelJson = readModelJson(files, source);
  const metadata = parseModelMetadata(parseJson(files, metadataFileName, source), source);
  const outputUnits = topologyOutputUnits(modelJson.modelTopology);
  if (outputUnits !== undefined) assertLabelsMatchOutputs(metadata, outputUnits, source);
  const weightSpecs = tf.io.getWeightSpecs(modelJson.weightsManifest);
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths);
  const weights = joinBytes(shards.map((path) => weightShard(files, path, source)));
  assertWeightBytes(weights.byteLength, weightByteLength(weightSpecs), `${source}: the weight files`);
  const weightData = weights.buffer.slice(
    weights.byteOffset,
    weights.byteOffset + weights.byteLength,
  ) as ArrayBuffer;
  return {
    artifacts: tf.io.getModelArtifactsForJSONSync(modelJson, weightSpecs, weightData),
    metadata,
    files,
  };
}

const expectedZip =
  'Expected a .zip of a Glyph model folder (model.json, its weight files, metadata.json), as the web app or zipModelFolder writes it';

function readZip(bytes: Uint8Array, source: string, limits: ModelZipLimits): Record<string, Uint8Array> {
  // Local file header or, for an empty archive, the end record: "PK\3\4" / "PK\5\6".
  const magic = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!magic || !((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source} is not a zip file (${bytes.length} bytes, it does not start with the zip signature PK). ${expectedZip}; zip the folder again.`,
    );
  }
  let count = 0;
  let total = 0;
  const admit = (file: UnzipFileInfo): boolean => {
    count += 1;
    total += file.originalSize;
    if (count > limits.maxFiles || total > limits.maxUncompressedBytes) {
      const what =
        count > limits.maxFiles
          ? `more than ${limits.maxFiles} files`
          : `more than ${limits.maxUncompressedBytes} bytes uncompressed`;
      throw new GlyphError(
        'PAYLOAD_TOO_LARGE',
        `${source} holds ${what}; a model folder zip may hold at most ${limits.maxFiles} files and ${limits.maxUncompressedBytes} bytes uncompressed. Zip only the model folder (model.json, weights, metadata.json and small reports).`,
      );
    }
    return true;
  };
  let entries: Record<string, Uint8Array>;
  try {
    // fflate inflates each file into a buffer of its declared size, so the limits above bound memory.
    entries = unzipSync(bytes, { filter: admit });
  } catch (error) {
    if (error instanceof GlyphError) throw error;
    throw new GlyphError(
      'MODEL_INVALID',
      `${source} is a corrupt or truncated zip (${(error as Error).message}). ${expectedZip}; download or zip it again.`,
      { cause: error },
    );
  }
  return entries;
}

/**
 * The zip's files by their path inside the model folder: the folder is the zip's root when
 * `model.json` sits there, else the one top-level folder. Directory entries and macOS resource
 * forks are dropped; an unsafe path (absolute, `..`, backslashes) fails.
 */
function rootedFiles(entries: Record<string, Uint8Array>, source: string): Record<string, Uint8Array> {
  const names = Object.keys(entries).filter((name) => !name.endsWith('/') && !name.startsWith('__MACOSX/'));
  for (const name of names) {
    if (!isSafeRelativePath(name)) {
      throw new GlyphError(
        'MODEL_INVALID',
        `${source} holds a file with an unsafe path, ${JSON.stringify(name)}. Expected plain relative paths inside the model folder; zip the folder again.`,
      );
    }
  }
  const tops = new Set(names.map((name) => (name.includes('/') ? name.slice(0, name.indexOf('/') + 1) : '')));
  const prefix = names.includes(modelJsonFileName) ? '' : tops.size === 1 ? [...tops][0] : undefined;
  if (prefix === undefined || !names.includes(`${prefix}${modelJsonFileName}`)) {
    const where =
      names.length === 0 ? 'no files' : `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`;
    throw new GlyphError(
      'MODEL_INVALID',
      `${source} has no model.json at its root or inside one top folder (it holds ${where}). ${expectedZip}.`,
    );
  }
  return Object.fromEntries(
    names
      .filter((name) => name.startsWith(prefix) && name !== prefix)
      .map((name) => [name.slice(prefix.length), entries[name]]),
  );
}

function readModelJson(files: Record<string, Uint8Array>, source: string): tf.io.ModelJSON {
  const json = parseJson(files, modelJsonFileName, source) as Partial<tf.io.ModelJSON> | null;
  const topology = json?.modelTopology;
  const manifest = json?.weightsManifest;
  const manifestValid =
    Array.isArray(manifest) &&
    manifest.every((group) => Array.isArray(group?.paths) && Array.isArray(group?.weights));
  if (typeof topology !== 'object' || topology === null || Array.isArray(topology) || !manifestValid) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: model.json is not a TF.js layers model (it needs a modelTopology object and a weightsManifest of {paths, weights} groups). Export the model again.`,
    );
  }
  return json as tf.io.ModelJSON;
}

function parseJson(files: Record<string, Uint8Array>, name: string, source: string): unknown {
  const bytes = files[name];
  if (bytes === undefined) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source} has no ${name}. A model folder holds model.json, its weight files and metadata.json; export the model again (a metadata.json needs the labels, input size and preprocessing, see docs/models.md).`,
    );
  }
  try {
    return JSON.parse(strFromU8(bytes)) as unknown;
  } catch (error) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: ${name} is not valid JSON (${(error as Error).message}). Export the model again.`,
      { cause: error },
    );
  }
}

function weightShard(files: Record<string, Uint8Array>, path: string, source: string): Uint8Array {
  const shard = isSafeRelativePath(path) ? files[path] : undefined;
  if (shard === undefined) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source} has no weight file ${JSON.stringify(path)}, which model.json's weightsManifest names. Put every weight file beside model.json in the zip, or export the model again.`,
    );
  }
  return shard;
}

function assertWeightBytes(actual: number, expected: number, what: string): void {
  if (actual !== expected) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${what} hold ${actual} bytes but the manifest's weights need ${expected}. The weights are truncated or belong to another model; export the model again.`,
    );
  }
}

function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

/** Plain names joined by `/`: not absolute, no `.`/`..`, no backslashes or drive letters. */
function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > 255 || /[\\:\0]/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
