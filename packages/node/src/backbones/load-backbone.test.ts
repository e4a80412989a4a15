import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeEngine } from '../engine';
import { FileIoHandler } from '../model-io/file-io-handler';
import { loadBackbone } from './load-backbone';

let dir: string;
let server: Server;
let base: string;

/** A small classifier: conv → global pooling (8 features) → softmax over 4 classes. */
function smallClassifier(channels: number): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, channels] });
  const conv = tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', name: 'conv' }).apply(input);
  const pooled = tf.layers.globalAveragePooling2d({ name: 'pooled' }).apply(conv);
  const head = tf.layers.dense({ units: 4, activation: 'softmax', name: 'head' }).apply(pooled);
  return tf.model({ inputs: input, outputs: head as tf.SymbolicTensor });
}

beforeAll(async () => {
  await initNodeEngine();
  dir = await mkdtemp(join(tmpdir(), 'glyph-backbone-'));
  const rgb = smallClassifier(3);
  await rgb.save(new FileIoHandler(join(dir, 'rgb')));
  rgb.dispose();
  const gray = smallClassifier(1);
  await gray.save(new FileIoHandler(join(dir, 'gray')));
  gray.dispose();
  await writeFile(
    join(dir, 'graph.json'),
    JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }),
  );
  await writeFile(join(dir, 'page.html'), '<html>not a model</html>');
  server = createServer(async (request, response) => {
    const path = join(dir, decodeURIComponent(request.url ?? '/'));
    try {
      const body = await readFile(path);
      response.writeHead(200, {
        'content-type': extname(path) === '.json' ? 'application/json' : 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

describe('loadBackbone', () => {
  it('cuts a user classifier before its softmax, from a folder and from a URL', async () => {
    const before = tf.memory().numTensors;
    for (const reference of [join(dir, 'rgb'), `${base}/rgb/model.json`, `${base}/rgb`]) {
      const { model, metadata } = await loadBackbone(reference, join(dir, 'built'));
      expect(metadata).toMatchObject({ task: 'backbone', features: 'pooled', featureSize: 8 });
      expect(metadata.input).toEqual({ width: 16, height: 16, channels: 3 });
      expect(metadata.licence).toMatch(/unknown/);
      const features = tf.tidy(() => (model.predict(tf.ones([2, 16, 16, 3])) as tf.Tensor).shape);
      expect(features).toEqual([2, 8]);
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says clearly what is wrong with a reference that is not a usable backbone', async () => {
    const built = join(dir, 'built');
    await expect(loadBackbone(join(dir, 'missing'), built)).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    await expect(loadBackbone(`${base}/nothing-here/model.json`, built)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/could not read .*404/),
    });
    await expect(loadBackbone(`${base}/page.html`, built)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await expect(loadBackbone(join(dir, 'graph.json'), built)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/GraphModel/),
    });
    await expect(loadBackbone(join(dir, 'gray'), built)).rejects.toMatchObject({
      code: 'SHAPE_MISMATCH',
      message: expect.stringMatching(/\[any, 16, 16, 1\]/),
    });
  });

  it('builds mobilenet-v2 from the installed nsfwjs package once, then reuses the folder', async () => {
    const built = join(dir, 'packaged');
    const first = await loadBackbone('mobilenet-v2', built);
    expect(first.metadata).toMatchObject({
      id: 'mobilenet-v2',
      task: 'backbone',
      features: 'flatten_1',
      featureSize: 1280,
      input: { width: 224, height: 224, channels: 3 },
      source: expect.stringMatching(/^npm:nsfwjs@4\.4\.0\//),
      licence: expect.stringMatching(/MIT/),
    });
    const features = tf.tidy(() => {
      const out = first.model.predict(tf.fill([1, 224, 224, 3], 0.5)) as tf.Tensor;
      return {
        shape: out.shape,
        finite: out.isFinite().all().dataSync()[0],
        spread: out.max().sub(out.min()).dataSync()[0],
      };
    });
    expect(features.shape).toEqual([1, 1280]);
    expect(features.finite).toBe(1);
    expect(features.spread).toBeGreaterThan(0);
    first.model.dispose();
    const stamp = (await stat(join(built, 'mobilenet-v2', 'metadata.json'))).mtimeMs;
    const second = await loadBackbone('mobilenet-v2', built);
    expect(second.metadata.sha256).toBe(first.metadata.sha256);
    expect((await stat(join(built, 'mobilenet-v2', 'metadata.json'))).mtimeMs).toBe(stamp);
    second.model.dispose();
  }, 120_000);
});
