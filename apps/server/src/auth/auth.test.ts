import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from '../test-support/test-app';
import { generateApiKey, hashApiKey, parseApiKeyEntries } from './api-key-entries';
import { KeyRing } from './key-ring';
import { routeAccess } from './route-access';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Every write and management route, as the server registers them (fail-closed list in route-access.ts). */
const protectedRoutes = [
  { method: 'POST', url: '/api/feedback' },
  { method: 'GET', url: '/api/feedback' },
  { method: 'GET', url: '/api/feedback/files/digits/7/20250101T000000000Z-00000000.png' },
  { method: 'GET', url: '/api/feedback/review' },
  { method: 'GET', url: '/api/feedback/operations' },
  { method: 'POST', url: '/api/feedback/relabel' },
  { method: 'POST', url: '/api/feedback/delete' },
  { method: 'POST', url: '/api/feedback/undo' },
  { method: 'POST', url: '/api/feedback/sequence' },
  { method: 'PUT', url: '/api/models/shapes' },
  { method: 'GET', url: '/api/review-folder?model=digits' },
  { method: 'GET', url: '/api/review-folder/files/1/a.png' },
] as const;

const key = generateApiKey();
const predictOnlyKey = generateApiKey();

async function keysFile(lines: readonly string[]): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'glyph-keys-')), 'keys.txt');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('API keys on write and management routes', () => {
  let test: TestApp;
  let image: string;
  let file: string;

  beforeAll(async () => {
    file = await keysFile([
      '# hashed keys, one per line',
      `${hashApiKey(key)} integrator`,
      `${hashApiKey(predictOnlyKey)} reader scopes=predict`,
    ]);
    const reviewFolder = await mkdtemp(path.join(tmpdir(), 'glyph-review-folder-'));
    test = await startTestApp({
      requireKeys: true,
      apiKeysFile: file,
      allowModelUploads: true,
      reviewFolder,
    });
    image = dataUrl(await drawingPng(120));
  });
  afterAll(async () => {
    await test.app.close();
  });

  const feedback = { model: 'digits', label: '7' };

  it.each(protectedRoutes)('refuses $method $url without a key: 401 UNAUTHORIZED', async (route) => {
    const response = await test.app.inject({ ...route, payload: route.method === 'GET' ? undefined : {} });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/Authorization: Bearer/) },
    });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it.each(protectedRoutes)('lets $method $url through with a valid key (no 401/403)', async (route) => {
    const response = await test.app.inject({
      ...route,
      headers: { authorization: `Bearer ${key}` },
      payload: route.method === 'GET' ? undefined : {},
    });
    expect([401, 403]).not.toContain(response.statusCode);
  });

  it('stores and lists feedback with the key (Bearer or X-Api-Key), nothing without', async () => {
    const refused = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { ...feedback, image },
    });
    expect(refused.statusCode).toBe(401);
    const stored = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: { authorization: `Bearer ${key}` },
      payload: { ...feedback, image },
    });
    expect(stored.statusCode).toBe(201);
    const listed = await test.app.inject({ url: '/api/feedback', headers: { 'x-api-key': key } });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().samples.map((item: { path: string }) => item.path)).toEqual([stored.json().path]);
    const file = await test.app.inject({ url: listed.json().samples[0].url, headers: { 'x-api-key': key } });
    expect([file.statusCode, file.headers['content-type']]).toEqual([200, 'image/png']);
  });

  it('answers predict without a key (public by default)', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      payload: { image },
    });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a wrong key with 401, and a key without the write scope with 403 FORBIDDEN', async () => {
    const wrong = await test.app.inject({ url: '/api/feedback', headers: { authorization: 'Bearer nope' } });
    expect([wrong.statusCode, wrong.json().error.message]).toEqual([401, expect.stringMatching(/not valid/)]);
    const reader = await test.app.inject({ url: '/api/feedback', headers: { 'x-api-key': predictOnlyKey } });
    expect(reader.statusCode).toBe(403);
    expect(reader.json().error).toEqual({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/"write" scope/),
    });
  });

  it('rotates keys without a restart: a rewritten keys file is in force after reloadApiKeys()', async () => {
    const next = generateApiKey();
    await writeFile(file, `${hashApiKey(next)} rotated\n`);
    await test.app.reloadApiKeys();
    const old = await test.app.inject({ url: '/api/feedback', headers: { 'x-api-key': key } });
    const fresh = await test.app.inject({ url: '/api/feedback', headers: { 'x-api-key': next } });
    expect([old.statusCode, fresh.statusCode]).toEqual([401, 200]);
    // A file that no longer parses keeps the keys in force (and the reload says why).
    await writeFile(file, 'my-plain-text-key\n');
    await expect(test.app.reloadApiKeys()).rejects.toThrow(/not a hashed key/);
    const still = await test.app.inject({ url: '/api/feedback', headers: { 'x-api-key': next } });
    expect(still.statusCode).toBe(200);
    await writeFile(
      file,
      `${hashApiKey(key)} integrator\n${hashApiKey(predictOnlyKey)} reader scopes=predict\n`,
    );
    await test.app.reloadApiKeys();
  });
});

describe('API key options', () => {
  it('refuses writes when no key is configured (401 naming --api-keys), predict still answers', async () => {
    const test = await startTestApp({ requireKeys: true });
    try {
      const write = await test.app.inject({ method: 'POST', url: '/api/feedback', payload: {} });
      expect(write.statusCode).toBe(401);
      expect(write.json().error.message).toMatch(/--api-keys.*--no-auth/);
      const predict = await test.app.inject({
        method: 'POST',
        url: '/api/models/digits/predict',
        payload: { image: dataUrl(await drawingPng(64)) },
      });
      expect(predict.statusCode).toBe(200);
    } finally {
      await test.app.close();
    }
  });

  it('requires keys by default (no option given)', async () => {
    // startTestApp turns keys off for route tests; `undefined` falls back to buildApp's own default.
    const test = await startTestApp({ requireKeys: undefined });
    try {
      expect((await test.app.inject('/api/feedback')).statusCode).toBe(401);
    } finally {
      await test.app.close();
    }
  });

  it('with --predict-auth and --metrics-auth, predict and metrics need a key with their scope', async () => {
    const inline = `${hashApiKey(key)} all;${hashApiKey(predictOnlyKey)} reader scopes=predict`;
    const test = await startTestApp({
      requireKeys: true,
      apiKeys: [inline],
      predictAuth: true,
      metricsAuth: true,
    });
    try {
      const predict = (headers: Record<string, string>) =>
        test.app.inject({ method: 'POST', url: '/api/models/digits/predict?top=1', headers, payload: {} });
      expect((await predict({})).statusCode).toBe(401);
      expect((await predict({ 'x-api-key': predictOnlyKey })).statusCode).toBe(400);
      expect((await test.app.inject('/metrics')).statusCode).toBe(401);
      expect(
        (await test.app.inject({ url: '/metrics', headers: { 'x-api-key': predictOnlyKey } })).statusCode,
      ).toBe(403);
      expect((await test.app.inject({ url: '/metrics', headers: { 'x-api-key': key } })).statusCode).toBe(
        200,
      );
      // Still public: the model list, health and the API description.
      for (const url of ['/api/models', '/healthz', '/readyz', '/api/openapi.json']) {
        expect((await test.app.inject(url)).statusCode).toBe(200);
      }
    } finally {
      await test.app.close();
    }
  });

  it('refuses to start on a keys file that does not parse, naming the file and entry', async () => {
    const file = await keysFile(['sha256:abc']);
    await expect(startTestApp({ requireKeys: true, apiKeysFile: file })).rejects.toThrow(
      /keys\.txt entry 1 is not a hashed key/,
    );
  });
});

describe('key entries and the key ring', () => {
  it('parses hash, name and scopes; refuses plain keys and unknown scopes', () => {
    const [entry] = parseApiKeyEntries(`${hashApiKey('k')} ci scopes=predict,metrics # comment`, 'test');
    expect([entry.name, [...entry.scopes]]).toEqual(['ci', ['predict', 'metrics']]);
    expect(entry.digest.toString('hex')).toBe(hashApiKey('k').slice('sha256:'.length));
    expect(() => parseApiKeyEntries('k', 'test')).toThrow(/not a hashed key/);
    expect(() => parseApiKeyEntries(`${hashApiKey('k')} scopes=admin`, 'test')).toThrow(/unknown scopes/);
  });

  it('follows the keys file on its own: a new key works within the poll interval, a removed file revokes', async () => {
    const file = await keysFile([hashApiKey('first')]);
    const ring = new KeyRing({ file, inline: [], pollIntervalMs: 20 });
    await ring.reload();
    const messages: string[] = [];
    ring.watch({ info: (message) => messages.push(message), error: (message) => messages.push(message) });
    try {
      expect(ring.find('first')?.name).toBe(`${file} entry 1`);
      // mtime resolution can be coarse: make sure the change is visible as one.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await writeFile(file, `${hashApiKey('second')} second\n`);
      const deadline = Date.now() + 5000;
      while (ring.find('second') === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect([ring.find('first'), ring.find('second')?.name]).toEqual([undefined, 'second']);
      expect(messages.some((message) => message.includes('reloaded'))).toBe(true);
    } finally {
      ring.close();
    }
    await ring.reload();
    expect(ring.size).toBe(1);
  });

  it('classifies every write route as needing a key, failing closed for routes it does not list', () => {
    expect(routeAccess('POST', '/api/models/:id/predict')).toBe('predict');
    expect(routeAccess('POST', '/predict/')).toBe('predict');
    expect(routeAccess('GET', '/metrics')).toBe('metrics');
    expect(routeAccess('GET', '/api/models')).toBe('public');
    expect(routeAccess('GET', '/models/:id/:file')).toBe('public');
    expect(routeAccess('HEAD', '/api/feedback')).toBe('write');
    expect(routeAccess('DELETE', '/api/some-future-route')).toBe('write');
    expect(routeAccess('POST', '/api/models/:id/reload')).toBe('write');
  });
});
