import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
});
