import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRehearsalSet, pickRehearsalImages, rehearsalSetFile } from '@glyph/core/teach';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../test-support/test-app';

describe('GET /models/:id/:file', () => {
  it("serves a served model's folder files for in-browser inference, and nothing else", async () => {
    const test = await startTestApp();
    const folder = test.context.registry.require('digits').folder;
    await writeFile(path.join(path.dirname(folder), 'secret.txt'), 'outside the model folder');
    await writeFile(path.join(folder, '.hidden'), 'hidden');

    const modelJson = await test.app.inject('/models/digits/model.json');
    expect(modelJson.statusCode).toBe(200);
    expect(modelJson.headers['content-type']).toMatch(/^application\/json/);
    const manifest = modelJson.json();
    const shard: string = manifest.weightsManifest[0].paths[0];
    const weights = await test.app.inject(`/models/digits/${shard}`);
    expect(weights.statusCode).toBe(200);
    expect(weights.rawPayload.length).toBeGreaterThan(0);
    expect((await test.app.inject('/models/digits/metadata.json')).json().id).toBe('digits');

    for (const url of [
      '/models/digits/..%2Fsecret.txt',
      '/models/digits/%2E%2E',
      '/models/digits/.hidden',
      '/models/digits/nope.json',
      '/models/nope/model.json',
    ]) {
      const response = await test.app.inject(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toMatch(/^(ROUTE|MODEL)_NOT_FOUND$/);
    }
    expect(await readdir(folder)).toContain('.hidden');
    await test.app.close();
  });

  it("serves a model folder's rehearsal set (rehearsal.json and rehearsal.bin) as the browser reads it", async () => {
    const test = await startTestApp();
    const model = test.context.registry.require('digits');
    const { folder } = model;
    const { metadata } = model.recognizer;
    const count = 30;
    const set = pickRehearsalImages(
      {
        name: 'synthetic:train',
        images: Uint8Array.from({ length: count * 28 * 28 }, (_, i) => (i * 7) % 256),
        labels: Int32Array.from({ length: count }, (_, i) => i % 10),
        count,
        width: 28,
        height: 28,
        channels: 1,
        classNames: metadata.labels,
      },
      2,
      1,
    );
    const file = rehearsalSetFile(set, {
      preprocessing: 'ink-mnist',
      source: 'synthetic:train',
      seed: 1,
      perClass: 2,
    });
    await writeFile(path.join(folder, 'rehearsal.json'), JSON.stringify(file));
    await writeFile(path.join(folder, 'rehearsal.bin'), set.images);

    const json = await test.app.inject('/models/digits/rehearsal.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const bin = await test.app.inject('/models/digits/rehearsal.bin');
    expect(bin.statusCode).toBe(200);
    expect(bin.headers['content-type']).toBe('application/octet-stream');
    expect(bin.headers['cache-control']).toBe('no-cache');
    const served = parseRehearsalSet(json.json(), new Uint8Array(bin.rawPayload), metadata, 'served');
    expect(served.count).toBe(20);
    expect(served.images).toEqual(set.images);
    // The model itself still loads and answers beside the extra files.
    expect((await test.app.inject('/api/models')).json().map((m: { id: string }) => m.id)).toContain(
      'digits',
    );
    await test.app.close();
  });
});
