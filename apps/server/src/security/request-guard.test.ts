import { mkdtemp, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from '../test-support/test-app';
import { hostHeaderName, isLoopbackAddress, resolveAllowedHosts } from './allowed-hosts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

describe('Host allowlist (DNS rebinding), cross-site bodies and security headers', () => {
  let test: TestApp;
  let png: Buffer;

  beforeAll(async () => {
    const webDir = await mkdtemp(path.join(tmpdir(), 'glyph-web-'));
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>Glyph</title>');
    test = await startTestApp({ webDir });
    png = await drawingPng(64);
  });
  afterAll(async () => {
    await test.app.close();
  });

  const predict = (headers: Record<string, string>, payload: string | Buffer = png) =>
    test.app.inject({ method: 'POST', url: '/api/models/digits/predict', headers, payload });

  it('answers 421 HOST_NOT_ALLOWED to a Host it does not serve (a rebound name), reads and writes alike', async () => {
    for (const request of [
      { method: 'GET' as const, url: '/api/models' },
      { method: 'GET' as const, url: '/' },
      { method: 'POST' as const, url: '/api/feedback', payload: {} },
    ]) {
      const response = await test.app.inject({ ...request, headers: { host: 'attacker.example:3000' } });
      expect(response.statusCode).toBe(421);
      expect(response.json()).toEqual({
        error: {
          code: 'HOST_NOT_ALLOWED',
          message: expect.stringMatching(/attacker\.example.*--allowed-hosts/),
        },
      });
    }
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST', 'localhost.']) {
      expect((await test.app.inject({ url: '/api/models', headers: { host } })).statusCode).toBe(200);
    }
  });

  it('accepts the names given with --allowed-hosts, or any with *', async () => {
    const named = await startTestApp({ allowedHosts: ['glyph.internal'] });
    const any = await startTestApp({ allowedHosts: ['*'] });
    try {
      const get = (app: TestApp, host: string) => app.app.inject({ url: '/api/models', headers: { host } });
      expect((await get(named, 'glyph.internal:8080')).statusCode).toBe(200);
      expect((await get(named, 'localhost:8080')).statusCode).toBe(421);
      expect((await get(any, 'whatever.example')).statusCode).toBe(200);
    } finally {
      await Promise.all([named.app.close(), any.app.close()]);
    }
  });

  it('refuses predict bodies a page of another site can send without a preflight (text/plain, form, multipart)', async () => {
    const crossSite: Record<string, string>[] = [
      { 'content-type': 'text/plain', origin: 'https://attacker.example' },
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://attacker.example' },
      { 'content-type': 'multipart/form-data; boundary=x', origin: 'null' },
      { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const response = await predict(headers, dataUrl(png));
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('ORIGIN_NOT_ALLOWED');
    }
    const compat = await test.app.inject({
      method: 'POST',
      url: '/predict/',
      headers: { 'content-type': 'text/plain', origin: 'https://attacker.example' },
      payload: dataUrl(png),
    });
    expect(compat.statusCode).toBe(403);
  });

  it('answers the same bodies from the app itself, from scripts (no Origin) and from --cors origins', async () => {
    expect((await predict({ 'content-type': 'image/png', origin: 'http://localhost:3000' })).statusCode).toBe(
      200,
    );
    expect((await predict({ 'content-type': 'image/png', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(
      200,
    );
    expect((await predict({ 'content-type': 'image/png' })).statusCode).toBe(200);
    const cors = await startTestApp({ corsOrigins: ['https://app.example'] });
    try {
      const response = await cors.app.inject({
        method: 'POST',
        url: '/api/models/digits/predict',
        headers: { 'content-type': 'image/png', origin: 'https://app.example' },
        payload: png,
      });
      expect(response.statusCode).toBe(200);
    } finally {
      await cors.app.close();
    }
  });

  it('sets CSP (wasm, workers, blob:, frame-ancestors none), nosniff and frame headers on pages, API and errors', async () => {
    for (const url of ['/', '/api/models', '/api/no-such-route']) {
      const response = await test.app.inject({ url, headers: { accept: 'text/html' } });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
    const refused = await test.app.inject({ url: '/', headers: { host: 'attacker.example' } });
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('allowed host names', () => {
  it('reads Host headers with ports and IPv6 brackets; refuses malformed ones', () => {
    expect(hostHeaderName('Example.COM:8080')).toBe('example.com');
    expect(hostHeaderName('[::1]:3000')).toBe('::1');
    expect(hostHeaderName('a b')).toBeUndefined();
    expect(hostHeaderName('')).toBeUndefined();
  });

  it('answers for loopback names, the listen address, and on 0.0.0.0 the machine name too', () => {
    expect(resolveAllowedHosts('127.0.0.1', [])).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(resolveAllowedHosts('192.168.1.5', ['Glyph.Lan'])).toContain('192.168.1.5');
    expect(resolveAllowedHosts('192.168.1.5', ['Glyph.Lan'])).toContain('glyph.lan');
    expect(resolveAllowedHosts('0.0.0.0', [])).toContain(hostname().toLowerCase());
    expect([isLoopbackAddress('127.0.0.2'), isLoopbackAddress('::1'), isLoopbackAddress('0.0.0.0')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
