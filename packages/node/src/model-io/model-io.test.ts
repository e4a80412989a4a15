import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelMetadata } from '@glyph/core/model';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerFileRouters } from './file-io-handler';
import { toFloat16Bits } from './float16';
import { loadModelFolder } from './load-model-folder';
import { saveModelFolder } from './save-model-folder';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFileRouters();
});

const directories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'glyph-model-io-'));
  directories.push(directory);
  return directory;
}
afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

function tinyClassifier(numClasses = 3): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [4, 5, 1] }));
  model.add(
    tf.layers.dense({
      units: numClasses,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  return model;
}

function metadataFor(labels: string[], input = { width: 5, height: 4, channels: 1 as const }): ModelMetadata {
  return {
    id: 'tiny',
    name: 'Tiny',
    task: 'character',
    labels,
    input,
    preprocessing: { kind: 'ink-mnist' },
    dataset: { name: 'synthetic', split: 'train', sha256: 'ab'.repeat(32) },
    metrics: { accuracy: 0.5 },
    training: { epochs: 1, seconds: 1, backend: 'cpu' },
    createdAt: '2025-01-01T00:00:00.000Z',
    version: '1',
  };
}

const probe = () => tf.randomUniform([2, 4, 5, 1], 0, 1, 'float32', 7);

function predictions(model: tf.LayersModel): number[] {
  return tf.tidy(() => Array.from((model.predict(probe()) as tf.Tensor).dataSync()));
}

describe('file:// model IO', () => {
  it('round-trips a layers model through file:// URLs', async () => {
    const directory = await temporaryDirectory();
    const model = tinyClassifier();
    await model.save(`file://${directory}/saved`);
    expect((await readdir(join(directory, 'saved'))).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const loaded = await tf.loadLayersModel(`file://${directory}/saved/model.json`);
    expect(predictions(loaded)).toEqual(predictions(model));
    model.dispose();
    loaded.dispose();
  });

  it('saves and loads a model folder with validated metadata, leaving no staging files', async () => {
    const directory = await temporaryDirectory();
    const model = tinyClassifier();
    const metadata = metadataFor(['a', 'b', 'c']);
    await saveModelFolder(model, join(directory, 'm'), metadata);
    expect((await readdir(directory)).filter((name) => name.startsWith('.'))).toEqual([]);
    const loaded = await loadModelFolder(join(directory, 'm'));
    expect(loaded.metadata).toEqual(metadata);
    expect(predictions(loaded.model)).toEqual(predictions(model));
    // Saving again into the existing folder replaces files in place and keeps unrelated ones.
    await writeFile(join(directory, 'm', 'history.json'), '[]');
    await saveModelFolder(model, join(directory, 'm'), { ...metadata, name: 'Renamed' });
    expect((await loadModelFolder(join(directory, 'm'))).metadata.name).toBe('Renamed');
    expect(await readFile(join(directory, 'm', 'history.json'), 'utf8')).toBe('[]');
    expect((await readdir(join(directory, 'm'))).filter((name) => name.startsWith('.'))).toEqual([]);
    model.dispose();
    loaded.model.dispose();
  });

  it('quantizes weights to float16 and uint8 with close predictions', async () => {
    const directory = await temporaryDirectory();
    const model = tinyClassifier();
    const reference = predictions(model);
    const sizes: Record<string, number> = {};
    for (const quantize of [undefined, 'float16', 'uint8'] as const) {
      const folder = join(directory, quantize ?? 'float32');
      const { weightBytes } = await saveModelFolder(model, folder, metadataFor(['a', 'b', 'c']), {
        quantize,
      });
      sizes[quantize ?? 'float32'] = weightBytes;
      expect((await stat(join(folder, 'group1-shard1of1.bin'))).size).toBe(weightBytes);
      const loaded = await loadModelFolder(folder);
      const tolerance = quantize === 'uint8' ? 0.02 : 1e-3;
      predictions(loaded.model).forEach((value, i) =>
        expect(Math.abs(value - reference[i])).toBeLessThan(tolerance),
      );
      loaded.model.dispose();
    }
    expect(sizes.float16).toBe(sizes.float32 / 2);
    expect(sizes.uint8).toBe(sizes.float32 / 4);
    model.dispose();
  });

  it('encodes float16 exactly as tfjs decodes it, including subnormals and specials', () => {
    const values = [0, -0, 1, -2.5, 65504, 1e5, 6.1e-5, 3e-6, 5.96e-8, 1e-9, 0.1, 1 / 3, Infinity, -Infinity];
    const halves = Uint16Array.from(values, toFloat16Bits);
    const decoded = tf.tidy(() =>
      Array.from(
        tf.io
          .decodeWeights(halves.buffer, [
            { name: 'w', shape: [values.length], dtype: 'float32', quantization: { dtype: 'float16' } },
          ])
          .w.dataSync(),
      ),
    );
    values.forEach((value, i) => {
      if (!Number.isFinite(value) || Math.abs(value) > 65504) {
        expect(decoded[i]).toBe(value > 0 ? Infinity : -Infinity);
      } else if (Math.abs(value) < 6.1e-5) {
        expect(Math.abs(decoded[i] - value)).toBeLessThanOrEqual(2 ** -25); // subnormal spacing / 2
      } else {
        expect(Math.abs(decoded[i] - value) / Math.abs(value || 1)).toBeLessThanOrEqual(2 ** -11);
      }
    });
    expect(
      Number.isNaN(
        tf.io
          .decodeWeights(Uint16Array.of(toFloat16Bits(NaN)).buffer, [
            { name: 'w', shape: [1], dtype: 'float32', quantization: { dtype: 'float16' } },
          ])
          .w.dataSync()[0],
      ),
    ).toBe(true);
  });
});

describe('model folder validation', () => {
  it('fails with MODEL_NOT_FOUND for a missing folder', async () => {
    await expect(loadModelFolder('/no/such/model')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('fails with MODEL_INVALID for a folder without metadata.json', async () => {
    const directory = await temporaryDirectory();
    const model = tinyClassifier();
    await model.save(`file://${directory}`);
    await expect(loadModelFolder(directory)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('no metadata.json'),
    });
    model.dispose();
  });

  it('fails with MODEL_INVALID when labels disagree with the output units or input size', async () => {
    const directory = await temporaryDirectory();
    const model = tinyClassifier(3);
    await model.save(`file://${directory}`);
    await writeFile(join(directory, 'metadata.json'), JSON.stringify(metadataFor(['a', 'b'])));
    await expect(loadModelFolder(directory)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('2 labels but the network has 3 output units'),
    });
    await writeFile(
      join(directory, 'metadata.json'),
      JSON.stringify(metadataFor(['a', 'b', 'c'], { width: 28, height: 28, channels: 1 })),
    );
    await expect(loadModelFolder(directory)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('28×28×1'),
    });
    model.dispose();
  });

  it('fails with MODEL_INVALID for broken metadata and for a missing model.json', async () => {
    const directory = await temporaryDirectory();
    await writeFile(join(directory, 'metadata.json'), '{"id": 3}');
    await expect(loadModelFolder(directory)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await writeFile(join(directory, 'metadata.json'), JSON.stringify(metadataFor(['a', 'b', 'c'])));
    await expect(loadModelFolder(directory)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('no model.json'),
    });
  });

  it('refuses to save metadata that does not match the network, writing nothing', async () => {
    const directory = await temporaryDirectory();
    const model = tinyClassifier(3);
    await expect(
      saveModelFolder(model, join(directory, 'bad'), metadataFor(['a', 'b'])),
    ).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
    expect(await readdir(directory)).toEqual([]);
    model.dispose();
  });
});
