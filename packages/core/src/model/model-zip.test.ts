import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { GlyphError } from '../errors/glyph-error';
import type { ModelMetadata } from './metadata';
import { unzipModelFolder, zipModelFolder } from './model-zip';
import { loadModelFromArtifacts, modelArtifacts, topologyOutputUnits } from './model-zip-artifacts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tinyClassifier(numClasses = 3): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [6, 6, 1],
        filters: 2,
        kernelSize: 3,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({ units: numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.activation({ activation: 'softmax' }),
    ],
  });
}

function metadataFor(labels: string[]): ModelMetadata {
  return {
    id: 'tiny',
    name: 'Tiny',
    task: 'character',
    labels,
    input: { width: 6, height: 6, channels: 1 },
    preprocessing: { kind: 'ink-mnist' },
    dataset: { name: 'synthetic', split: 'train', sha256: 'ab'.repeat(32) },
    metrics: { accuracy: 0.5 },
    training: { epochs: 1, seconds: 1, backend: 'cpu' },
    createdAt: '2025-01-01T00:00:00.000Z',
    version: '1',
  };
}

function predictions(model: tf.LayersModel): number[] {
  return tf.tidy(() =>
    Array.from((model.predict(tf.randomUniform([3, 6, 6, 1], 0, 1, 'float32', 7)) as tf.Tensor).dataSync()),
  );
}

/** A zip of the tiny model, and its files unpacked by path (without the top folder). */
async function tinyZip(): Promise<{ zip: Uint8Array; files: Record<string, Uint8Array> }> {
  const model = tinyClassifier();
  try {
    const zip = zipModelFolder(await modelArtifacts(model), metadataFor(['a', 'b', 'c']));
    const files = Object.fromEntries(
      Object.entries(unzipSync(zip))
        .filter(([name]) => !name.endsWith('/'))
        .map(([name, bytes]) => [name.replace(/^tiny\//, ''), bytes]),
    );
    return { zip, files };
  } finally {
    model.dispose();
  }
}

function rezip(files: Record<string, Uint8Array>, edit: (files: Zippable) => void = () => {}): Uint8Array {
  const copy: Zippable = { ...files };
  edit(copy);
  return zipSync(copy);
}

function unzipError(bytes: Uint8Array, limits?: Parameters<typeof unzipModelFolder>[2]): GlyphError {
  try {
    unzipModelFolder(bytes, 'upload.zip', limits);
  } catch (error) {
    expect(error).toBeInstanceOf(GlyphError);
    return error as GlyphError;
  }
  throw new Error('unzipModelFolder accepted the zip');
}

describe('zipModelFolder / unzipModelFolder', () => {
  it('round-trips a trained network: same predictions, same metadata, extras kept, no tensors left', async () => {
    const before = tf.memory().numTensors;
    const model = tinyClassifier();
    const metadata = metadataFor(['a', 'b', 'c']);
    const zip = zipModelFolder(await modelArtifacts(model), metadata, {
      'calibration.json': '{"temperature":1.5}',
      'report/report.json': strToU8('{}'),
    });
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([
      'tiny/',
      'tiny/calibration.json',
      'tiny/group1-shard1of1.bin',
      'tiny/metadata.json',
      'tiny/model.json',
      'tiny/report/report.json',
    ]);
    const unzipped = unzipModelFolder(zip, 'tiny.zip');
    expect(unzipped.metadata).toEqual(metadata);
    expect(strFromU8(unzipped.files['calibration.json'])).toBe('{"temperature":1.5}');
    const manifest = JSON.parse(strFromU8(unzipped.files['model.json'])) as tf.io.ModelJSON;
    expect(manifest.weightsManifest[0].paths).toEqual(['group1-shard1of1.bin']);
    expect(unzipped.files['group1-shard1of1.bin'].byteLength).toBe(
      model.countParams() * Float32Array.BYTES_PER_ELEMENT,
    );
    const loaded = await loadModelFromArtifacts(unzipped.artifacts, unzipped.metadata, 'tiny.zip');
    expect(predictions(loaded)).toEqual(predictions(model));
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('accepts the files at the root of the zip, and ignores directory entries and macOS forks', async () => {
    const { files } = await tinyZip();
    const flat = rezip(files, (copy) => {
      copy['__MACOSX/._model.json'] = strToU8('fork');
    });
    expect(unzipModelFolder(flat, 'flat.zip').metadata.id).toBe('tiny');
    const nested = zipSync({ 'any-name': { ...files }, 'any-name/empty/': new Uint8Array(0) });
    expect(Object.keys(unzipModelFolder(nested, 'nested.zip').files)).toContain('metadata.json');
  });

  it('refuses to pack metadata whose labels do not name every output unit, or an unsafe extra', async () => {
    const model = tinyClassifier();
    const artifacts = await modelArtifacts(model);
    model.dispose();
    expect(() => zipModelFolder(artifacts, metadataFor(['a', 'b', 'c', 'd']))).toThrow(
      /4 labels but the network has 3 output units/,
    );
    expect(() => zipModelFolder(artifacts, { ...metadataFor(['a', 'b', 'c']), id: 'Not An Id' })).toThrow(
      /not valid model metadata \(id:/,
    );
    expect(() => zipModelFolder(artifacts, metadataFor(['a', 'b', 'c']), { '../x': 'y' })).toThrow(
      /Cannot add "\.\.\/x"/,
    );
    expect(() => zipModelFolder(artifacts, metadataFor(['a', 'b', 'c']), { 'model.json': 'y' })).toThrow(
      /Cannot add "model\.json"/,
    );
  });

  it('reads the output units of sequential and functional topologies', () => {
    const input = tf.input({ shape: [4] });
    const dense = tf.layers.dense({ units: 5, name: 'head' }).apply(input) as tf.SymbolicTensor;
    const softmax = tf.layers.softmax().apply(dense) as tf.SymbolicTensor;
    const functional = tf.model({ inputs: input, outputs: softmax });
    const sequential = tinyClassifier(7);
    expect(topologyOutputUnits(functional.toJSON(null, false))).toBe(5);
    expect(topologyOutputUnits(sequential.toJSON(null, false))).toBe(7);
    expect(
      topologyOutputUnits({ class_name: 'Sequential', config: { layers: [{ class_name: 'Custom' }] } }),
    ).toBe(undefined);
    functional.dispose();
    sequential.dispose();
  });

  it('says a file is not a zip, or is a corrupt or truncated one', async () => {
    const { zip } = await tinyZip();
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(unzipError(png).message).toMatch(
      /upload\.zip is not a zip file .*Expected a \.zip of a Glyph model/,
    );
    expect(unzipError(new Uint8Array(0)).message).toMatch(/is not a zip file \(0 bytes/);
    const truncated = unzipError(zip.subarray(0, Math.floor(zip.length / 2)));
    expect(truncated.code).toBe('MODEL_INVALID');
    expect(truncated.message).toMatch(
      /upload\.zip is a corrupt or truncated zip \(.+\)\. Expected .*zip it again/,
    );
  });

  it('names a missing model.json, metadata.json or weight file', async () => {
    const { files } = await tinyZip();
    const withoutModel = unzipError(rezip(files, (copy) => delete copy['model.json']));
    expect(withoutModel.message).toMatch(/no model\.json at its root or inside one top folder \(it holds /);
    const withoutMetadata = unzipError(rezip(files, (copy) => delete copy['metadata.json']));
    expect(withoutMetadata.message).toMatch(/upload\.zip has no metadata\.json/);
    const withoutWeights = unzipError(rezip(files, (copy) => delete copy['group1-shard1of1.bin']));
    expect(withoutWeights.message).toMatch(
      /no weight file "group1-shard1of1\.bin", which model\.json's weightsManifest names/,
    );
    for (const error of [withoutModel, withoutMetadata, withoutWeights])
      expect(error.code).toBe('MODEL_INVALID');
  });

  it('says when the weights are shorter or longer than the manifest needs', async () => {
    const { files } = await tinyZip();
    const weights = files['group1-shard1of1.bin'];
    const short = unzipError(rezip(files, (copy) => (copy['group1-shard1of1.bin'] = weights.subarray(4))));
    expect(short.message).toMatch(
      new RegExp(
        `the weight files hold ${weights.length - 4} bytes but the manifest's weights need ${weights.length}`,
      ),
    );
    const long = unzipError(
      rezip(files, (copy) => (copy['group1-shard1of1.bin'] = new Uint8Array(weights.length + 8))),
    );
    expect(long.message).toMatch(/truncated or belong to another model/);
  });

  it('rejects invalid metadata, labels that disagree with the network, bad JSON and unsafe paths', async () => {
    const { files } = await tinyZip();
    const metadata = JSON.parse(strFromU8(files['metadata.json'])) as ModelMetadata;
    const withMetadata = (value: unknown) =>
      rezip(files, (copy) => (copy['metadata.json'] = strToU8(JSON.stringify(value))));
    expect(unzipError(withMetadata({ ...metadata, task: 'poetry' })).message).toMatch(
      /upload\.zip\/metadata\.json is not valid model metadata \(task: /,
    );
    expect(unzipError(withMetadata({ ...metadata, labels: ['a', 'b'] })).message).toMatch(
      /upload\.zip: metadata\.json lists 2 labels but the network has 3 output units/,
    );
    expect(
      unzipError(rezip(files, (copy) => (copy['model.json'] = strToU8('{"modelTopology":')))).message,
    ).toMatch(/upload\.zip: model\.json is not valid JSON/);
    expect(
      unzipError(rezip(files, (copy) => (copy['model.json'] = strToU8('{"format":"layers-model"}')))).message,
    ).toMatch(/model\.json is not a TF\.js layers model/);
    expect(unzipError(rezip(files, (copy) => (copy['../evil.sh'] = strToU8('x')))).message).toMatch(
      /unsafe path, "\.\.\/evil\.sh"/,
    );
  });

  it('stops a zip bomb before inflating it, naming the limits', async () => {
    const { files } = await tinyZip();
    const bomb = rezip(files, (copy) => (copy['padding.bin'] = new Uint8Array(24 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const tooBig = unzipError(bomb, { maxUncompressedBytes: 8 * 1024 * 1024, maxFiles: 100 });
    expect(tooBig.code).toBe('PAYLOAD_TOO_LARGE');
    expect(tooBig.message).toMatch(
      /more than 8388608 bytes uncompressed; a model folder zip may hold at most 100 files and 8388608 bytes/,
    );
    const many = rezip(files, (copy) => {
      for (let i = 0; i < 20; i += 1) copy[`report/${i}.txt`] = strToU8('x');
    });
    expect(unzipError(many, { maxUncompressedBytes: 1 << 30, maxFiles: 10 }).message).toMatch(
      /holds more than 10 files/,
    );
  });

  it('loads a network only when its output units match the labels, leaving no tensors on failure', async () => {
    const { zip } = await tinyZip();
    const { artifacts } = unzipModelFolder(zip, 'tiny.zip');
    const before = tf.memory().numTensors;
    await expect(loadModelFromArtifacts(artifacts, metadataFor(['a', 'b']), 'tiny.zip')).rejects.toThrow(
      /lists 2 labels but the network has 3 output units/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
