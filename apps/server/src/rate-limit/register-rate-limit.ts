import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import { GlyphError } from '@glyph/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimitKind, RateLimits } from './rate-limits';

const predictRoutes = new Set(['/api/models/:id/predict', '/predict/']);

/**
 * Stored images, as cheap to serve as the web app's files and fetched by the dozen per page (the
 * review view shows 100 a page, a Teach import fetches every correction).
 */
const fileRoutes = ['/api/feedback/files/', '/api/review-folder/files/'];

/**
 * Which budget a request draws from, or `null` for none: the API (`/api/…`, `/predict/`,
 * `/metrics`) only. The probes answer whatever a client does, so an orchestrator never restarts a
 * busy server; the web app's files, the API docs and stored images are static, and one page load
 * fetches dozens.
 */
export function rateLimitKindOf(request: FastifyRequest): RateLimitKind | null {
  return rateLimitKindFor(request.method, request.routeOptions.url ?? request.url.split('?')[0]);
}

/** `rateLimitKindOf` for a method and a route pattern (`/api/models/:id/predict`). */
export function rateLimitKindFor(method: string, route: string): RateLimitKind | null {
  if (method === 'POST' && predictRoutes.has(route)) return 'predict';
  const limited =
    (route.startsWith('/api/') &&
      !route.startsWith('/api/docs') &&
      !fileRoutes.some((prefix) => route.startsWith(prefix))) ||
    route === '/predict/' ||
    route === '/metrics';
  if (!limited) return null;
  return ['GET', 'HEAD', 'OPTIONS'].includes(method) ? 'read' : 'write';
}

/**
 * Per-client request budgets (@fastify/rate-limit, one minute windows, in memory): predictions,
 * writes and reads each have their own count per client address, so a burst of predictions never
 * blocks a correction and a flood of writes never blocks recognition. A client over its budget gets
 * 429 RATE_LIMITED with `Retry-After` (seconds until its window ends). Register before the routes.
 */
export async function registerRateLimit(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    timeWindow: 60_000,
    // No address once the socket is gone (a body the HTTP parser refused after the headers, already
    // answered 400): any key does, nothing can be sent.
    keyGenerator: (request) =>
      `${rateLimitKindOf(request) ?? 'exempt'}|${request.ip ? normalizeIP(request.ip) : 'closed'}`,
    max: (request) => limits[rateLimitKindOf(request) ?? 'read'],
    allowList: (request) => {
      const kind = rateLimitKindOf(request);
      return kind === null || limits[kind] === 0;
    },
    errorResponseBuilder: (request, context) => {
      const kind = rateLimitKindOf(request) ?? 'read';
      return new GlyphError(
        'RATE_LIMITED',
        `Too many ${kind} requests from this client: at most ${context.max} a minute. Retry in ${context.after}, or ask for a larger --rate-limit.`,
        { details: { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) } },
      );
    },
  });
}
