import type { FastifyInstance } from 'fastify';

/**
 * The web app's Content-Security-Policy. Scripts only from this origin, plus 'wasm-unsafe-eval' for
 * TF.js's WASM backend (compiling WebAssembly, not JS eval); workers from this origin or blob: (TF.js
 * and the teaching worker); data:/blob: images and fetches (canvas snapshots, pasted pictures, model
 * zips saved through object URLs); inline style attributes (React and Vega set them). No page may
 * frame the app, and it submits forms nowhere.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Sets the security headers on every answer (pages, assets, API, errors), before any route runs. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
}
