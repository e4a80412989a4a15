import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelMetadata } from '@glyph/core/model';
import { saveModelFolder } from '@glyph/node/model-io';
import type { CliIo } from '../cli-io';
import { main } from '../main';

// An 8×8 gray, 3-class network with known answers: unit a fires on ink in rows 0-2, b on rows 3-5,
// c on rows 6-7. Images are one bright band, so a band in rows 3-5 filed under c/ is one mistake.
const labels = ['a', 'b', 'c'];
const bandRows: Record<string, number[]> = { a: [0, 1, 2], b: [3, 4, 5], c: [6, 7] };

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

async function saveBandModel(dir: string, metadata: Record<string, unknown>): Promise<void> {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [8, 8, 1] }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  const kernel = new Float32Array(64 * 3);
  labels.forEach((label, k) => bandRows[label].forEach((row) => rowUnits(kernel, row, k)));
  model.layers[1].setWeights([tf.tensor2d(kernel, [64, 3]), tf.zeros([3])]);
  await saveModelFolder(model, dir, metadata as unknown as ModelMetadata);
  model.dispose();
}

function rowUnits(kernel: Float32Array, row: number, unit: number): void {
  for (let x = 0; x < 8; x++) kernel[(row * 8 + x) * 3 + unit] = 4;
}

function metadataFor(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'bands',
    name: 'Band detector',
    task: 'image',
    labels,
    input: { width: 8, height: 8, channels: 1 },
    preprocessing: { kind: 'photo' },
    dataset: { name: 'folder:/nowhere', split: 'train', sha256: '0'.repeat(64) },
    metrics: { accuracy: 1 },
    training: { epochs: 0, seconds: 0, backend: 'cpu' },
    createdAt: '2024-01-01T00:00:00.000Z',
    version: '1',
    ...overrides,
  };
}

/** `<root>/<class>/<n>.png`: 8×8 gray images with one bright band, `shift` moving it down a row. */
async function writeBandImages(
  root: string,
  files: Record<string, { band: string; shift: number }[]>,
): Promise<void> {
  for (const [folder, images] of Object.entries(files)) {
    await mkdir(join(root, folder), { recursive: true });
    for (const [n, { band, shift }] of images.entries()) {
      const pixels = new Uint8Array(64);
      const row = bandRows[band][Math.min(shift, bandRows[band].length - 1)];
      pixels.fill(255, row * 8, row * 8 + 8);
      await sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } })
        .png()
        .toFile(join(root, folder, `${n}.png`));
    }
  }
}

describe('glyph eval', () => {
  let root: string;
  let modelDir: string;
  let dataDir: string;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    root = await mkdtemp(join(tmpdir(), 'glyph-eval-'));
    modelDir = join(root, 'model');
    dataDir = join(root, 'images');
    await saveBandModel(modelDir, metadataFor());
    const three = (band: string) => [0, 1, 2].map((shift) => ({ band, shift }));
    await writeBandImages(join(dataDir, 'test'), {
      a: three('a'),
      b: three('b'),
      c: [...three('c').slice(0, 2), { band: 'b', shift: 2 }],
    });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const io = captureIo();
    const code = await main(['eval', '--backend', 'cpu', ...args], io);
    return { code, ...io };
  };

  it('--json prints exactly one JSON object with the report fields', async () => {
    const { code, stdout, stderr } = await run(
      '--model',
      modelDir,
      '--dataset',
      `folder:${dataDir}:test`,
      '--json',
    );
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout);
    expect(report.n).toBe(9);
    expect(report.accuracy).toBeCloseTo(8 / 9, 12);
    expect(report.labels).toEqual(labels);
    expect(report.perClass.map((c: { support: number }) => c.support)).toEqual([3, 3, 3]);
    expect(report.confusion).toEqual([
      [3, 0, 0],
      [0, 3, 0],
      [0, 1, 2],
    ]);
    expect(report.mostConfused).toEqual([{ actual: 'c', predicted: 'b', count: 1 }]);
    expect(report.topLosses[0]).toMatchObject({ actual: 'c', predicted: 'b' });
    expect(report.dataset.partition.kind).toBe('official-split');
    expect(stderr).toMatch(/9\/9 images/);
  });

  it('prints the table and writes the report folder', async () => {
    const out = join(root, 'report');
    const { code, stdout } = await run(
      '--model',
      modelDir,
      '--dataset',
      `folder:${dataDir}:test`,
      '--report',
      out,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Accuracy\s+88\.89% \(8\/9\)/);
    expect(stdout).toMatch(/c → b\s+1/);
    expect((await readdir(out)).sort()).toEqual([
      'confusion.png',
      'report.html',
      'report.json',
      'top-losses.png',
    ]);
  });

  it('scores a holdout-trained model on its own held-out partition and says so', async () => {
    const dir = join(root, 'holdout-model');
    const dataset = {
      name: `folder:${dataDir}/test`,
      split: 'train',
      sha256: '0'.repeat(64),
      holdout: { fraction: 0.5, method: 'content-hash' },
    };
    await saveBandModel(dir, metadataFor({ dataset }));
    const { code, stdout } = await run('--model', dir, '--dataset', `folder:${join(dataDir, 'test')}`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/HELD-OUT PARTITION, NOT THE OFFICIAL TEST SPLIT: .*50% of folder:/);
    expect(stdout).toMatch(/Note: Scored on the model's own held-out partition/);
    const json = JSON.parse(
      (await run('--model', dir, '--dataset', `folder:${join(dataDir, 'test')}`, '--json')).stdout,
    );
    expect(json.dataset.partition.kind).toBe('holdout');
    expect(json.n).toBeLessThan(9);
  });

  it('fails with MODEL_INVALID when metadata.json is missing', async () => {
    const dir = join(root, 'no-metadata');
    await saveBandModel(dir, metadataFor());
    await unlink(join(dir, 'metadata.json'));
    const { code, stderr, stdout } = await run(
      '--model',
      dir,
      '--dataset',
      `folder:${dataDir}:test`,
      '--json',
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error \[MODEL_INVALID\]: .*metadata\.json/m);
    expect(stdout).toBe('');
  });

  it('fails with MODEL_INVALID when the labels do not match the output units', async () => {
    const dir = join(root, 'four-labels');
    await saveBandModel(dir, metadataFor());
    // saveModelFolder refuses such a folder, so damage it afterwards as a hand edit would.
    const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    await writeFile(
      join(dir, 'metadata.json'),
      JSON.stringify({ ...metadata, labels: ['a', 'b', 'c', 'd'] }),
    );
    const { code, stderr } = await run('--model', dir, '--dataset', `folder:${dataDir}:test`);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error \[MODEL_INVALID\]: .*4 labels .*3 output units/m);
  });

  it('fails with SHAPE_MISMATCH when the dataset images are another size', async () => {
    const mnistDir = join(root, 'data');
    await mkdir(join(mnistDir, 'mnist'), { recursive: true });
    const header = (magic: number, dims: number[]) => {
      const view = new DataView(new ArrayBuffer(4 + 4 * dims.length));
      view.setUint32(0, magic);
      dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
      return new Uint8Array(view.buffer);
    };
    await writeFile(
      join(mnistDir, 'mnist', 't10k-images-idx3-ubyte'),
      Buffer.concat([header(0x803, [2, 28, 28]), new Uint8Array(2 * 784)]),
    );
    await writeFile(
      join(mnistDir, 'mnist', 't10k-labels-idx1-ubyte'),
      Buffer.concat([header(0x801, [2]), new Uint8Array([1, 2])]),
    );
    const { code, stderr } = await run(
      '--model',
      modelDir,
      '--dataset',
      'mnist:test',
      '--data-dir',
      mnistDir,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error \[SHAPE_MISMATCH\]: The dataset has 28×28 images .* expects input \[8, 8, 1\]/m,
    );
  });

  it('fails with SHAPE_MISMATCH naming dataset classes the model does not know', async () => {
    const odd = join(root, 'odd-classes');
    await writeBandImages(odd, { a: [{ band: 'a', shift: 0 }], zebra: [{ band: 'b', shift: 0 }] });
    const { code, stderr } = await run('--model', modelDir, '--dataset', `folder:${odd}`);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error \[SHAPE_MISMATCH\]: .*"zebra"/m);
  });

  it('rejects a bad --holdout as bad usage', async () => {
    const { code, stderr } = await run(
      '--model',
      modelDir,
      '--dataset',
      `folder:${dataDir}:test`,
      '--holdout',
      '2',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/BAD_USAGE/);
  });
});
