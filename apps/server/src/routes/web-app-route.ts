import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { GlyphError } from '@glyph/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from '../errors/error-handler';

/** Paths that belong to the API, where an unknown path is an error, never the web app. */
const apiPrefixes = ['/api/', '/predict', '/metrics', '/healthz', '/readyz'];

/**
 * Serves the built web app (Vite's `dist/`) at `/`, with single-page-app fallback: a GET for an
 * unknown page that accepts HTML gets `index.html`, so client-side routes survive a reload. Every
 * other unknown route is a JSON 404 (ROUTE_NOT_FOUND).
 */
export async function registerWebApp(app: FastifyInstance, webDir: string | null): Promise<void> {
  const hasWebApp = webDir !== null && existsSync(path.join(webDir, 'index.html'));
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      // Vite fingerprints everything under assets/, so it may be cached for good; index.html not.
      setHeaders(reply, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (hasWebApp && wantsPage(request))
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return sendError(reply, notFound(request, hasWebApp));
  });
}

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (apiPrefixes.some((prefix) => request.url.startsWith(prefix))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

function notFound(request: FastifyRequest, hasWebApp: boolean): GlyphError {
  const route = `${request.method} ${request.url.split('?')[0]}`;
  if (!hasWebApp && (request.url === '/' || request.url.startsWith('/?'))) {
    return new GlyphError(
      'ROUTE_NOT_FOUND',
      'The web app is not built, so / serves nothing. Build it with `npm run build`; the API is under /api (docs at /api/docs).',
    );
  }
  return new GlyphError('ROUTE_NOT_FOUND', `No route ${route}. The API is described at /api/docs.`);
}
