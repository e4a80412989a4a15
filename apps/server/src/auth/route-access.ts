import type { ApiKeyScope } from './api-key-entries';

/** Who may call a route: anyone, or a key with that scope (predict and metrics only when configured). */
export type RouteAccess = 'public' | ApiKeyScope;

/** The image routes: public unless `--predict-auth`. */
const predictRoutes = new Set(['POST /api/models/:id/predict', 'POST /predict/']);

/** Read routes that list or serve stored samples: as private as the writes that made them. */
const privateReadPrefixes = ['/api/feedback', '/api/review-folder'];

/**
 * Classifies a matched route (method + Fastify's URL pattern). Fails closed: every route that is not
 * a read (GET/HEAD/OPTIONS) is a write unless it is a predict route, so a new write route needs a key
 * without anyone remembering to list it.
 */
export function routeAccess(method: string, routeUrl: string): RouteAccess {
  if (predictRoutes.has(`${method} ${routeUrl}`)) return 'predict';
  if (routeUrl === '/metrics') return 'metrics';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return 'write';
  if (privateReadPrefixes.some((prefix) => routeUrl === prefix || routeUrl.startsWith(`${prefix}/`))) {
    return 'write';
  }
  return 'public';
}
