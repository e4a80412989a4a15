import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { modelArtifacts, zipModelFolder } from '@glyph/core/model';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGlyphApp } from '../build-app';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp, testDependencies, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** A zipped model folder: a tiny seeded CNN over 28×28 ink with these labels. */
async function modelZip(
  id: string,
  labels: string[],
  name = `Tiny ${id}`,
  extras: Record<string, string> = { 'history.json': '[]' },
): Promise<Buffer> {
  await tf.setBackend('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 2,
        kernelSize: 3,
        strides: 2,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: labels.length,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
      }),
    ],
  });
  try {
    const metadata = { ...tinyMetadata(id, labels), name };
    return Buffer.from(zipModelFolder(await modelArtifacts(model), metadata, extras));
  } finally {
    model.dispose();
  }
}

function put(test: TestApp, id: string, zip: Buffer, query = '', type = 'application/zip') {
  return test.app.inject({
    method: 'PUT',
    url: `/api/models/${id}${query}`,
    headers: { 'content-type': type },
    payload: zip,
  });
}

const apps: TestApp[] = [];
async function uploadApp(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const test = await startTestApp({ allowModelUploads: true, ...options });
  apps.push(test);
  return test;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((test) => test.app.close()));
});

const hiddenEntries = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('.'));

describe('PUT /api/models/:id', () => {
  it('installs an uploaded zip and serves it at once: listed, predicting, files in place', async () => {
    const test = await uploadApp();
    const { modelsDir } = test.context.options;
    const response = await put(test, 'shapes', await modelZip('shapes', ['circle', 'square', 'star']));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      model: expect.objectContaining({
        id: 'shapes',
        version: 1,
        versions: [1],
        labels: ['circle', 'square', 'star'],
      }),
      replaced: false,
    });
    const listed = (await test.app.inject('/api/models')).json() as { id: string }[];
    expect(listed.map((model) => model.id)).toEqual(['digits', 'shapes']);
    const prediction = await test.app.inject({
      method: 'POST',
      url: '/api/models/shapes/predict',
      headers: { 'content-type': 'image/png' },
      payload: await drawingPng(),
    });
    expect(prediction.statusCode).toBe(200);
    expect(['circle', 'square', 'star']).toContain(prediction.json().predictions[0].label);
    // Installed as version 1 of its model, in the versions layout.
    expect(await readdir(path.join(modelsDir, 'shapes'))).toEqual(['1']);
    const folder = path.join(modelsDir, 'shapes', '1');
    expect((await readdir(folder)).sort()).toEqual([
      '.upload.json',
      'group1-shard1of1.bin',
      'history.json',
      'metadata.json',
      'model.json',
    ]);
    expect(JSON.parse(await readFile(path.join(folder, '.upload.json'), 'utf8'))).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await hiddenEntries(modelsDir)).toEqual([]);
    // The model file route serves the uploaded folder, but not the hidden marker.
    expect((await test.app.inject('/models/shapes/metadata.json')).statusCode).toBe(200);
    expect((await test.app.inject('/models/shapes/.upload.json')).statusCode).toBe(404);
  });

  it('is served again after a restart, from the folder it wrote', async () => {
    const test = await uploadApp();
    expect((await put(test, 'shapes', await modelZip('shapes', ['a', 'b']))).statusCode).toBe(201);
    await test.app.close();
    const restarted = await buildGlyphApp({
      modelsDir: test.context.options.modelsDir,
      feedbackDir: test.feedbackDir,
      webDir: null,
      dependencies: testDependencies(),
    });
    await restarted.context.registry.loaded;
    expect(restarted.context.registry.list().map((model) => model.id)).toEqual(['digits', 'shapes']);
    await restarted.app.close();
  });

  it('adds a version to an earlier upload only with replace=true, and never to a model installed on the server', async () => {
    const test = await uploadApp();
    expect((await put(test, 'shapes', await modelZip('shapes', ['a', 'b']))).statusCode).toBe(201);
    const again = await put(test, 'shapes', await modelZip('shapes', ['a', 'b', 'c'], 'Shapes v2'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'MODEL_EXISTS',
      message: expect.stringMatching(/already uploaded .*\?replace=true/),
    });
    const replaced = await put(
      test,
      'shapes',
      await modelZip('shapes', ['a', 'b', 'c'], 'Shapes v2'),
      '?replace=true',
    );
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      replaced: true,
      model: { name: 'Shapes v2', labels: ['a', 'b', 'c'], version: 2, versions: [2, 1] },
    });
    // The next version beside the first, served through the same swap as a published version.
    expect((await readdir(path.join(test.context.options.modelsDir, 'shapes'))).sort()).toEqual(['1', '2']);
    const answer = await test.app.inject({
      method: 'POST',
      url: '/api/models/shapes/predict',
      headers: { 'content-type': 'image/png' },
      payload: await drawingPng(),
    });
    expect(answer.json()).toMatchObject({ model: 'shapes', version: 2 });
    const listed = (await test.app.inject('/api/models')).json() as { id: string; name: string }[];
    expect(listed.find((model) => model.id === 'shapes')?.name).toBe('Shapes v2');
    expect(await hiddenEntries(test.context.options.modelsDir)).toEqual([]);

    const shipped = await put(test, 'digits', await modelZip('digits', ['0', '1']), '?replace=true');
    expect(shipped.statusCode).toBe(409);
    expect(shipped.json().error.message).toMatch(
      /"digits" is installed on the server .*uploads never replace it/,
    );
    const metadata = JSON.parse(
      await readFile(path.join(test.context.options.modelsDir, 'digits', 'metadata.json'), 'utf8'),
    ) as { labels: string[] };
    expect(metadata.labels).toHaveLength(10);
  });

  it('answers a corrupt, truncated or mismatched zip with a clear error and writes nothing', async () => {
    const test = await uploadApp();
    const { modelsDir } = test.context.options;
    const zip = await modelZip('shapes', ['a', 'b']);
    const truncated = await put(test, 'shapes', zip.subarray(0, zip.length - 40));
    expect(truncated.statusCode).toBe(422);
    expect(truncated.json().error).toEqual({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(
        /The uploaded zip for "shapes" is a corrupt or truncated zip .*zip it again/,
      ),
    });
    const notZip = await put(test, 'shapes', await drawingPng());
    expect(notZip.json().error.message).toMatch(/is not a zip file/);
    const mismatch = await put(test, 'circles', zip);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.message).toMatch(/holds model "shapes" but the URL names "circles"/);
    const badCalibration = await put(
      test,
      'shapes',
      await modelZip('shapes', ['a', 'b'], 'Shapes', { 'calibration.json': '{}' }),
    );
    expect(badCalibration.statusCode).toBe(422);
    expect(badCalibration.json().error.message).toMatch(
      /^The uploaded zip for "shapes": calibration\.json is not a valid calibration/,
    );
    const wrongType = await put(test, 'shapes', zip, '', 'image/png');
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.message).toMatch(/Content-Type: application\/zip/);
    expect((await readdir(modelsDir)).sort()).toEqual(['digits']);
    expect(test.context.registry.list().map((model) => model.id)).toEqual(['digits']);
  });

  it('refuses a zip over the upload limit with 413, naming the limit and the flag', async () => {
    const test = await uploadApp({ modelUploadLimitBytes: 1000 });
    const response = await put(test, 'shapes', await modelZip('shapes', ['a', 'b']));
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(
        /upload limit of 1000 bytes\. Start the server with a larger --model-upload-limit/,
      ),
    });
  });

  it('is off unless the server allows uploads', async () => {
    const test = await startTestApp();
    apps.push(test);
    const response = await put(test, 'shapes', await modelZip('shapes', ['a', 'b']));
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toMatch(
      /Model uploads are off .*glyph serve --allow-model-uploads/,
    );
    expect(await readdir(test.context.options.modelsDir)).toEqual(['digits']);
  });
});
