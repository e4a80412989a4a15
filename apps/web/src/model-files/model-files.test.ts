import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import { unzipModelFolder, type ModelMetadata } from '@glyph/core/model';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { downloadModelZip, modelFolderZip } from './download-model-zip';
import { importModelZip, readModelZip } from './read-model-zip';
import { uploadModel } from './upload-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function tinyModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [4, 4, 1] }),
      tf.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
      }),
    ],
  });
}

const metadata: ModelMetadata = {
  id: 'ticks',
  name: 'Ticks and crosses',
  task: 'character',
  labels: ['✓', '✗', '△'],
  input: { width: 4, height: 4, channels: 1 },
  preprocessing: { kind: 'ink-mnist' },
  dataset: { name: 'project:ticks', split: 'train', sha256: '0'.repeat(64) },
  metrics: { accuracy: 1 },
  training: { epochs: 3, seconds: 2, backend: 'cpu' },
  createdAt: '2025-01-01T00:00:00.000Z',
  version: '1',
};

const probe = (model: tf.LayersModel) =>
  tf.tidy(() => Array.from((model.predict(tf.ones([1, 4, 4, 1])) as tf.Tensor).dataSync()));

describe('model folder zips in the browser', () => {
  it('imports an exported zip file back into the same network', async () => {
    const before = tf.memory().numTensors;
    const model = tinyModel();
    const zip = await modelFolderZip(model, metadata, { 'calibration.json': '{"temperature":1}' });
    const file = new File([zip as Uint8Array<ArrayBuffer>], 'ticks.zip', { type: 'application/zip' });
    const imported = await importModelZip(file);
    expect(imported.metadata).toEqual(metadata);
    expect(Object.keys(imported.files)).toContain('calibration.json');
    expect(probe(imported.model)).toEqual(probe(model));
    model.dispose();
    imported.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the file when it is not a model zip', async () => {
    const file = new File([new Uint8Array([1, 2, 3, 4, 5])], 'holiday.jpg');
    const error = await readModelZip(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GlyphError);
    expect((error as GlyphError).message).toMatch(/^holiday\.jpg is not a zip file/);
  });

  it('downloads the zip as <id>.zip through an object URL', async () => {
    const clicked: { download: string; href: string }[] = [];
    const link = {
      href: '',
      download: '',
      rel: '',
      style: { display: '' },
      click: () => clicked.push({ download: link.download, href: link.href }),
      remove: vi.fn(),
    };
    vi.stubGlobal('document', { createElement: () => link, body: { append: vi.fn() } });
    const blobs: Blob[] = [];
    vi.stubGlobal('URL', {
      createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:zip'),
      revokeObjectURL: vi.fn(),
    });
    const model = tinyModel();
    const zip = await downloadModelZip(model, metadata);
    model.dispose();
    expect(clicked).toEqual([{ download: 'ticks.zip', href: 'blob:zip' }]);
    expect(link.remove).toHaveBeenCalled();
    expect(blobs[0].type).toBe('application/zip');
    expect(new Uint8Array(await blobs[0].arrayBuffer())).toEqual(zip);
  });

  it('uploads the zip with PUT and reports the server message when refused', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const answers = [
      new Response(JSON.stringify({ model: { id: 'ticks' }, replaced: true }), { status: 200 }),
      new Response(
        JSON.stringify({ error: { code: 'MODEL_EXISTS', message: 'Model "ticks" is installed.' } }),
        {
          status: 409,
        },
      ),
    ];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return answers.shift();
    });
    const model = tinyModel();
    const answer = await uploadModel(model, metadata, { replace: true });
    expect(answer.replaced).toBe(true);
    expect(requests[0].url).toBe('/api/models/ticks?replace=true');
    expect(requests[0].init).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/zip' } });
    const sent = new Uint8Array(await (requests[0].init.body as Blob).arrayBuffer());
    expect(unzipModelFolder(sent, 'sent').metadata.labels).toEqual(metadata.labels);
    const refused = await uploadModel(model, metadata).catch((caught: unknown) => caught);
    model.dispose();
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      status: 409,
      code: 'MODEL_EXISTS',
      message: 'Model "ticks" is installed.',
    });
    expect(requests[1].url).toBe('/api/models/ticks');
  });
});
