// Acceptance of the model folder zip (the web app's export/import/upload format) on a shipped model:
// the zip, unpacked, is a folder `glyph eval` scores exactly like the original and `glyph serve`
// serves; `glyph serve --allow-model-uploads` installs it over HTTP and answers a corrupt one clearly.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelArtifacts, zipModelFolder, type ModelMetadata } from '@glyph/core/model';
import { readIdxImagesAndLabels } from '@glyph/node/datasets';
import { initNodeEngine } from '@glyph/node/engine';
import { decodeImage } from '@glyph/node/image';
import { loadModelFolder } from '@glyph/node/model-io';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import type { CliIo } from '../cli-io';
import { main } from '../main';
import { runServe } from './serve';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const shippedDigits = path.join(repoRoot, 'models', 'digits');

function dataDir(): string {
  const dir = process.env.GLYPH_DATA_DIR;
  if (!dir) {
    throw new Error(
      'GLYPH_DATA_DIR is not set: run the tests with GLYPH_DATA_DIR=../shared/datasets (see README).',
    );
  }
  return dir;
}

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

/** The shipped folder zipped the way the web app does it: network → artifacts → zip (+ calibration). */
async function zipShippedDigits(overrides: Partial<ModelMetadata> = {}): Promise<Uint8Array> {
  const { model, metadata } = await loadModelFolder(shippedDigits);
  try {
    const calibration = await readFile(path.join(shippedDigits, 'calibration.json'));
    return zipModelFolder(
      await modelArtifacts(model),
      { ...metadata, ...overrides },
      { 'calibration.json': calibration },
    );
  } finally {
    model.dispose();
  }
}

/** What `unzip` would do: every file of the zip written below `root`. */
async function unpack(zip: Uint8Array, root: string): Promise<void> {
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    if (name.endsWith('/')) continue;
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), bytes);
  }
}

async function evalJson(modelDir: string): Promise<{ accuracy: number; n: number; confusion: unknown }> {
  const io = captureIo();
  const code = await main(
    [
      'eval',
      '--model',
      modelDir,
      '--dataset',
      'mnist:test',
      '--holdout',
      '0.1',
      '--json',
      '--data-dir',
      dataDir(),
    ],
    io,
  );
  expect(code, io.stderr).toBe(0);
  return JSON.parse(io.stdout) as { accuracy: number; n: number; confusion: unknown };
}

/** The first MNIST test digit as a PNG (black ink on white, as drawn) and its label. */
async function mnistDigitPng(): Promise<{ png: Buffer; label: string }> {
  const mnist = path.join(dataDir(), 'mnist');
  const source = {
    images: path.join(mnist, 't10k-images-idx3-ubyte.gz'),
    labels: path.join(mnist, 't10k-labels-idx1-ubyte.gz'),
  };
  const { images, labels, width, height } = await readIdxImagesAndLabels(source.images, source.labels);
  const pixels = images.slice(0, width * height).map((value) => 255 - value);
  const png = await sharp(pixels, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
  return { png, label: String(labels[0]) };
}

/** The parts of the server's answers this test reads. */
interface Answer {
  readonly predictions?: { label: string; confidence: number }[];
  readonly error?: { code: string; message: string };
}

describe('a shipped model as a model folder zip', () => {
  let root: string;
  let zip: Uint8Array;

  beforeAll(async () => {
    await initNodeEngine({ backend: 'wasm' });
    root = await mkdtemp(path.join(tmpdir(), 'glyph-model-zip-'));
    zip = await zipShippedDigits();
    await unpack(zip, path.join(root, 'models'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('unpacks to a folder glyph eval scores exactly like the shipped one', async () => {
    const original = await evalJson(shippedDigits);
    const exported = await evalJson(path.join(root, 'models', 'digits'));
    expect(original.n).toBeGreaterThan(900);
    expect(exported.n).toBe(original.n);
    expect(exported.accuracy).toBe(original.accuracy);
    expect(exported.confusion).toEqual(original.confusion);
  });

  it('is served by glyph serve, which also installs an uploaded zip and explains a corrupt one', async () => {
    const { png, label } = await mnistDigitPng();
    const recognizer = await loadRecognizerFromFolder(shippedDigits);
    const expected = await recognizer.recognize(await decodeImage(png, { maxPixels: 1 << 20 }), { top: 1 });
    recognizer.dispose();
    expect(expected.predictions[0].label).toBe(label);

    const renamedZip = await zipShippedDigits({ id: 'my-digits', name: 'My digits' });
    const io = captureIo();
    const stop = new AbortController();
    const seen: Record<string, { status: number; body: Answer }> = {};
    const call = async (name: string, url: string, init?: RequestInit) => {
      const response = await fetch(url, init);
      seen[name] = { status: response.status, body: await response.json() };
    };
    const putZip = (url: string, body: Uint8Array) => ({
      method: 'PUT',
      headers: { 'content-type': 'application/zip' },
      body: body as Uint8Array<ArrayBuffer>,
    });
    const predict = {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(png) as Uint8Array<ArrayBuffer>,
    };
    await runServe(
      [
        '--port',
        '0',
        '--models',
        path.join(root, 'models'),
        '--web-dir',
        '',
        '--log-level',
        'warn',
        '--threads',
        '0',
        '--allow-model-uploads',
        // Uploads are a write route; this test is about the zip, not about keys.
        '--no-auth',
      ],
      io,
      {
        signal: stop.signal,
        onListening: (url) => {
          void (async () => {
            // The server reports listening before its models are in; wait for readiness.
            for (let tries = 0; tries < 100 && (await fetch(`${url}/readyz`)).status !== 200; tries += 1) {
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
            await call('models', `${url}/api/models`);
            await call('predict', `${url}/api/models/digits/predict?top=1`, predict);
            await call('uploaded', `${url}/api/models/my-digits`, putZip(url, renamedZip));
            await call('predictUploaded', `${url}/api/models/my-digits/predict?top=1`, predict);
            await call('installed', `${url}/api/models/digits?replace=true`, putZip(url, zip));
            await call(
              'corrupt',
              `${url}/api/models/my-digits`,
              putZip(url, zip.subarray(0, zip.length / 2)),
            );
          })().finally(() => stop.abort());
        },
      },
    );
    expect((seen.models.body as unknown as { id: string }[]).map((model) => model.id)).toEqual(['digits']);
    for (const name of ['predict', 'predictUploaded']) {
      expect(seen[name].status).toBe(200);
      expect(seen[name].body.predictions?.[0].label).toBe(label);
      expect(seen[name].body.predictions?.[0].confidence).toBeCloseTo(expected.predictions[0].confidence, 4);
    }
    expect(seen.uploaded).toMatchObject({
      status: 201,
      body: { model: { id: 'my-digits', name: 'My digits' } },
    });
    expect(seen.installed).toMatchObject({ status: 409, body: { error: { code: 'MODEL_EXISTS' } } });
    expect(seen.corrupt.status).toBe(422);
    expect(seen.corrupt.body.error).toEqual({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(
        /^The uploaded zip for "my-digits" is a corrupt or truncated zip \(.+\)\. Expected a \.zip of a Glyph model folder/,
      ),
    });
    // The upload is version 1 in the models directory, so a restarted server serves it too.
    const uploaded = JSON.parse(
      await readFile(path.join(root, 'models', 'my-digits', '1', 'metadata.json'), 'utf8'),
    );
    expect(uploaded.id).toBe('my-digits');
  });
});
