import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../test-support/test-app';

async function fakeWebBuild(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'glyph-web-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Glyph</title>');
  await writeFile(path.join(dir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  return dir;
}

describe('web app, fallback and CORS', () => {
  it('serves the built app at / with SPA fallback, and JSON 404s for unknown API paths', async () => {
    const test = await startTestApp({ webDir: await fakeWebBuild() });
    const html = { accept: 'text/html,application/xhtml+xml' };
    const index = await test.app.inject({ url: '/', headers: html });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>Glyph</title>');
    const asset = await test.app.inject('/assets/app-1a2b3c.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const deepLink = await test.app.inject({ url: '/models/digits', headers: html });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('<title>Glyph</title>');
    for (const url of ['/api/nope', '/missing.js']) {
      const response = await test.app.inject({ url, headers: url.startsWith('/api') ? html : {} });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
    }
    await test.app.close();
  });

  it('says how to build the web app when it is missing', async () => {
    const test = await startTestApp({ webDir: path.join(tmpdir(), 'no-such-glyph-web') });
    const response = await test.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toMatch(/npm run build/);
    await test.app.close();
  });

  it('allows only the configured CORS origins', async () => {
    const preflight = {
      method: 'OPTIONS' as const,
      url: '/api/models',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    };
    const open = await startTestApp({ corsOrigins: ['https://app.example'] });
    const allowed = await open.app.inject(preflight);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    const other = await open.app.inject({
      ...preflight,
      headers: { ...preflight.headers, origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await open.app.close();

    const closed = await startTestApp();
    const response = await closed.app.inject({
      url: '/api/models',
      headers: { origin: 'https://app.example' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    await closed.app.close();
  });
});
