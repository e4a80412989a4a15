import { cp, mkdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { publishVersion, writeRealModelFolder } from '../test-support/real-model-folder';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((test) => test.app.close()));
});

const digits = (name: string) => ({ ...tinyMetadata('digits', digitLabels), name });

async function app(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const test = await startTestApp(options);
  apps.push(test);
  return test;
}

async function predictDigits(test: TestApp) {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/models/digits/predict',
    headers: { 'content-type': 'image/png' },
    payload: await drawingPng(),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { model: string; version: number };
}

async function listed(test: TestApp) {
  return (await test.app.inject('/api/models')).json() as {
    id: string;
    name: string;
    version: number;
    versions: number[];
  }[];
}

describe('model versions', () => {
  it('serves a plain model folder as version 1, and names the version in answers and lists', async () => {
    const test = await app();
    expect(await predictDigits(test)).toMatchObject({ model: 'digits', version: 1 });
    expect(await listed(test)).toEqual([
      expect.objectContaining({ id: 'digits', version: 1, versions: [1] }),
    ]);
    const compat = await test.app.inject({ method: 'POST', url: '/predict/', payload: await drawingPng() });
    expect(compat.statusCode, compat.body).toBe(200);
    expect(Object.keys(compat.json()).sort()).toEqual(['confidence', 'prediction']);
    expect(compat.headers['glyph-model-version']).toBe('1');
    expect((await test.app.inject('/readyz')).json().versions).toEqual([{ model: 'digits', version: 1 }]);
  });

  it('serves the highest version folder, ignoring dot-prefixed and non-numeric names; a pin serves another', async () => {
    const test = await app();
    const modelDir = path.join(test.context.options.modelsDir, 'digits');
    await publishVersion(modelDir, 2, digits('Digits v2'));
    await publishVersion(modelDir, 3, digits('Digits v3'));
    // A half-copied version under a temporary name, and a folder whose name is not a version.
    await mkdir(path.join(modelDir, '.4.tmp'));
    await writeFile(path.join(modelDir, '.4.tmp', 'model.json'), '{');
    await writeRealModelFolder(path.join(modelDir, 'v5'), digits('not a version'));

    const report = await test.context.registry.sync();
    expect(report).toMatchObject({ replaced: [{ model: 'digits', from: 1, to: 3 }], failed: [] });
    expect(await listed(test)).toEqual([
      expect.objectContaining({ name: 'Digits v3', version: 3, versions: [3, 2, 1] }),
    ]);
    expect(await predictDigits(test)).toMatchObject({ version: 3 });

    const pinned = await app({
      modelsDir: test.context.options.modelsDir,
      pinnedVersions: new Map([['digits', 2]]),
    });
    expect(await predictDigits(pinned)).toMatchObject({ version: 2 });
    const missingPin = await app({
      modelsDir: test.context.options.modelsDir,
      pinnedVersions: new Map([['digits', 9]]),
    });
    const ready = await missingPin.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(missingPin.context.registry.skipped[0].message).toMatch(
      /pinned to version 9, which it does not hold \(versions: 3, 2, 1\)/,
    );
  });

  it('keeps the serving version when a new one is half-copied or broken, and serves it once complete', async () => {
    const test = await app();
    const { registry, options } = test.context;
    const modelDir = path.join(options.modelsDir, 'digits');
    const complete = await writeRealModelFolder(
      path.join(options.modelsDir, '.complete'),
      digits('Digits v2'),
    );
    // Copied in place instead of renamed: first without its weights, then with a short shard.
    const version2 = path.join(modelDir, '2');
    await mkdir(version2);
    for (const file of ['metadata.json', 'model.json'])
      await cp(path.join(complete, file), path.join(version2, file));
    const missing = await registry.sync();
    expect(missing.failed).toEqual([
      expect.objectContaining({
        folder: version2,
        version: 2,
        code: 'MODEL_INVALID',
        message: expect.stringMatching(/weight shard model\.json lists, is missing/),
      }),
    ]);
    await cp(path.join(complete, 'group1-shard1of1.bin'), path.join(version2, 'group1-shard1of1.bin'));
    await truncate(path.join(version2, 'group1-shard1of1.bin'), 100);
    const short = await registry.sync();
    expect(short.failed[0].message).toMatch(/hold 100 bytes, but model\.json's weights need \d+/);
    expect(await predictDigits(test)).toMatchObject({ version: 1 });
    const ready = (await test.app.inject('/readyz')).json();
    expect(ready).toMatchObject({ status: 'ready', versions: [{ model: 'digits', version: 1 }] });
    expect(ready.skipped).toEqual([expect.objectContaining({ folder: version2, version: 2 })]);
    // Unchanged files are not tried again on every pass.
    expect((await registry.sync()).failed).toHaveLength(1);

    await cp(path.join(complete, 'group1-shard1of1.bin'), path.join(version2, 'group1-shard1of1.bin'));
    expect(await registry.sync()).toMatchObject({
      replaced: [{ model: 'digits', from: 1, to: 2 }],
      failed: [],
    });
    expect(await predictDigits(test)).toMatchObject({ version: 2 });
    expect((await test.app.inject('/readyz')).json().skipped).toEqual([]);

    // Broken metadata in a newer version: reported, version 2 keeps serving.
    await publishVersion(modelDir, 3, digits('Digits v3'));
    const metadataFile = path.join(modelDir, '3', 'metadata.json');
    await writeFile(metadataFile, (await readFile(metadataFile, 'utf8')).replace('"labels"', '"labelz"'));
    expect((await registry.sync()).failed).toEqual([
      expect.objectContaining({ version: 3, code: 'MODEL_INVALID' }),
    ]);
    expect(await predictDigits(test)).toMatchObject({ version: 2 });
  });

  it('falls back when the serving version is removed, unloads a removed model, and frees what it replaced', async () => {
    const test = await app({
      models: { digits: digits('Digits v1'), letters: tinyMetadata('letters', ['a', 'b']) },
    });
    const { registry, options } = test.context;
    await registry.retired();
    const baseline = tf.memory().numTensors;
    const modelDir = path.join(options.modelsDir, 'digits');

    await publishVersion(modelDir, 2, digits('Digits v2'));
    expect((await registry.sync()).replaced).toEqual([{ model: 'digits', from: 1, to: 2 }]);
    await registry.retired();
    // Version 1's weights are gone: the same tensors as with one version loaded.
    expect(tf.memory().numTensors).toBe(baseline);

    await rm(path.join(modelDir, '2'), { recursive: true });
    expect((await registry.sync()).replaced).toEqual([{ model: 'digits', from: 2, to: 1 }]);
    expect(await predictDigits(test)).toMatchObject({ version: 1 });

    await rm(path.join(options.modelsDir, 'letters'), { recursive: true });
    expect((await registry.sync()).removed).toEqual([{ model: 'letters', version: 1 }]);
    await registry.retired();
    const gone = await test.app.inject({
      method: 'POST',
      url: '/api/models/letters/predict',
      payload: await drawingPng(),
    });
    expect(gone.statusCode).toBe(404);
    expect(tf.memory().numTensors).toBeLessThan(baseline);
  });
});

describe('a replaced version', () => {
  it('answers what was submitted before the swap, and tells work reaching it after the swap to retry', async () => {
    const test = await app();
    const { registry, options } = test.context;
    const old = registry.require('digits');
    const queued = old.batcher.submit({
      image: { data: new Uint8Array(28 * 28), width: 28, height: 28, channels: 1 },
      top: 1,
      debug: false,
    });
    await publishVersion(path.join(options.modelsDir, 'digits'), 2, digits('Digits v2'));
    await registry.sync();
    await expect(queued).resolves.toMatchObject({ empty: true });
    await expect(
      old.batcher.submit({
        image: { data: new Uint8Array(28 * 28), width: 28, height: 28, channels: 1 },
        top: 1,
        debug: false,
      }),
    ).rejects.toMatchObject({
      code: 'NOT_READY',
      message: expect.stringMatching(/version 1 was replaced or unloaded .* retry it/),
    });
    expect(registry.require('digits').version).toBe(2);
  });
});
