import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelMetadata } from '@glyph/core/model';
import { buildModel } from '@glyph/core/zoo';
import { initNodeEngine } from '../engine/init-node-engine';
import { saveModelFolder } from '../model-io/save-model-folder';
import { exportOnnx } from './export-onnx';
import { randomizeBatchNorms } from '../testing';

const labels = ['a', 'b', 'c', 'd'];
const metadata: ModelMetadata = {
  id: 'export-test',
  name: 'Export test',
  task: 'character',
  labels,
  input: { width: 28, height: 28, channels: 1 },
  preprocessing: { kind: 'ink-mnist' },
  dataset: { name: 'synthetic', split: 'train', sha256: '0' },
  metrics: { accuracy: 0.5 },
  training: { epochs: 0, seconds: 0, backend: 'cpu' },
  createdAt: '2024-01-01T00:00:00.000Z',
  version: '1',
};

let root: string;
let folder: string;

beforeAll(async () => {
  await initNodeEngine();
  root = await mkdtemp(join(tmpdir(), 'glyph-export-'));
  folder = join(root, 'glyphnet');
  const model = buildModel('glyphnet', { inputShape: [28, 28, 1], numClasses: labels.length, seed: 1 });
  randomizeBatchNorms(model, 2);
  // float16 shards, as shipped models are stored: the exporter must see the dequantized weights.
  await saveModelFolder(model, folder, metadata, { quantize: 'float16' });
  model.dispose();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('exportOnnx', () => {
  it('writes model.onnx and metadata.json beside it, and checks it against TF.js', async () => {
    const before = tf.memory().numTensors;
    const out = join(root, 'exported', 'digits.onnx');
    const result = await exportOnnx(folder, { out, checkInputs: 20 });
    expect(result.onnxPath).toBe(out);
    expect(JSON.parse(await readFile(join(root, 'exported', 'metadata.json'), 'utf8'))).toEqual(
      JSON.parse(await readFile(join(folder, 'metadata.json'), 'utf8')),
    );
    expect(result.parity?.count).toBe(20);
    expect(result.parity?.maxAbsDifference).toBeLessThanOrEqual(1e-4);
    expect(result.parity?.top1Agreements).toBe(20);
    expect(tf.memory().numTensors).toBe(before);

    // What an integrator sees: NHWC input with a free batch size, probabilities out, labels inside.
    const session = await ort.InferenceSession.create(out);
    try {
      expect(session.inputNames).toEqual(['input']);
      expect(session.outputNames).toEqual(['output']);
      const batch = new ort.Tensor('float32', new Float32Array(3 * 28 * 28).fill(0.5), [3, 28, 28, 1]);
      const probabilities = (await session.run({ input: batch })).output;
      expect(probabilities.dims).toEqual([3, labels.length]);
      const firstRow = Array.from(probabilities.data as Float32Array).slice(0, labels.length);
      expect(firstRow.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    } finally {
      await session.release();
    }
    const bytes = await readFile(out);
    expect(bytes.includes(Buffer.from('glyph.metadata'))).toBe(true);
  });

  it('writes <folder>/model.onnx by default and into a folder given as --out', async () => {
    const byDefault = await exportOnnx(folder);
    expect(byDefault.onnxPath).toBe(join(folder, 'model.onnx'));
    expect((await stat(byDefault.onnxPath)).size).toBe(byDefault.bytes);
    const intoFolder = join(root, 'into-folder');
    await mkdir(intoFolder);
    const result = await exportOnnx(folder, { out: intoFolder });
    expect((await readdir(intoFolder)).sort()).toEqual(['metadata.json', 'model.onnx']);
    expect(result.nodes).toBeGreaterThan(10);
  });

  it('says a folder is not a model', async () => {
    await expect(exportOnnx(join(root, 'nothing-here'))).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    const empty = join(root, 'empty');
    await mkdir(empty);
    await expect(exportOnnx(empty)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('metadata.json'),
    });
  });

  it('names a layer it cannot convert, its class and what is supported, and writes nothing', async () => {
    const unsupportedFolder = join(root, 'upsampling');
    const model = tf.sequential({
      layers: [
        tf.layers.maxPooling2d({ inputShape: [28, 28, 1], poolSize: 2 }),
        tf.layers.upSampling2d({ name: 'grow', size: [2, 2] }),
        tf.layers.flatten(),
        tf.layers.dense({ units: labels.length, activation: 'softmax' }),
      ],
    });
    await saveModelFolder(model, unsupportedFolder, metadata);
    model.dispose();
    const failure = exportOnnx(unsupportedFolder);
    await expect(failure).rejects.toMatchObject({ code: 'EXPORT_UNSUPPORTED' });
    await expect(failure).rejects.toThrow(
      /"grow" \(UpSampling2D\).*Supported layer classes: .*DepthwiseConv2D/,
    );
    await expect(stat(join(unsupportedFolder, 'model.onnx'))).rejects.toThrow();
  });
});
