import { GlyphError } from '@glyph/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from '../errors/error-handler';
import type { KeyRing } from './key-ring';
import { routeAccess, type RouteAccess } from './route-access';

export interface AuthOptions {
  /** `false` (`--no-auth`) lets every request through: a single user's server on loopback. */
  readonly requireKeys: boolean;
  /** Predict routes need a key with the `predict` scope (`--predict-auth`). */
  readonly predictAuth: boolean;
  /** `GET /metrics` needs a key with the `metrics` scope (`--metrics-auth`). */
  readonly metricsAuth: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Re-reads the API keys file now (the file is also followed on its own); for a SIGHUP handler. */
    reloadApiKeys(): Promise<void>;
  }
}

/**
 * Checks the API key of every request to a protected route before its body is read: 401
 * UNAUTHORIZED without a valid key (`Authorization: Bearer <key>` or `X-Api-Key: <key>`), 403
 * FORBIDDEN when the key's scopes do not cover the route.
 */
export function registerAuth(app: FastifyInstance, keys: KeyRing, options: AuthOptions): void {
  app.decorate('reloadApiKeys', () => keys.reload());
  app.addHook('onClose', () => keys.close());
  if (!options.requireKeys) return;
  app.addHook('onRequest', (request, reply, done) => {
    const routeUrl = request.routeOptions.url;
    const access = routeUrl === undefined ? 'public' : routeAccess(request.method, routeUrl);
    if (!needsKey(access, options)) return done();
    const presented = presentedKey(request);
    const entry = presented === undefined ? undefined : keys.find(presented);
    if (!entry) {
      reply.header('www-authenticate', 'Bearer realm="glyph"');
      return sendError(reply, unauthorized(presented !== undefined, keys.size));
    }
    if (access !== 'public' && !entry.scopes.has(access)) {
      return sendError(
        reply,
        new GlyphError(
          'FORBIDDEN',
          `The API key "${entry.name}" may not call ${request.method} ${routeUrl}: it needs the "${access}" scope.`,
        ),
      );
    }
    request.log.info({ apiKey: entry.name }, 'authenticated');
    done();
  });
}

function needsKey(access: RouteAccess, options: AuthOptions): boolean {
  if (access === 'public') return false;
  if (access === 'predict') return options.predictAuth;
  if (access === 'metrics') return options.metricsAuth;
  return true;
}

function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const header = request.headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  return key === undefined || key === '' ? undefined : key;
}

function unauthorized(sentOne: boolean, keysInForce: number): GlyphError {
  if (keysInForce === 0) {
    return new GlyphError(
      'UNAUTHORIZED',
      'This route needs an API key and the server has none configured. Start it with --api-keys <file> (or $GLYPH_API_KEYS), or with --no-auth for a single user on this machine.',
    );
  }
  return new GlyphError(
    'UNAUTHORIZED',
    sentOne
      ? 'The API key is not valid (revoked, mistyped or for another server).'
      : 'This route needs an API key: send Authorization: Bearer <key> or X-Api-Key: <key>.',
  );
}
