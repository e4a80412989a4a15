import { mapOperations } from '../docs/map-operations';
import { rateLimitKindFor } from './register-rate-limit';

type Operation = { responses?: Record<string, unknown> };
type Document = { paths?: Record<string, Record<string, Operation | unknown> | undefined> };

/** The 429 answer of a rate-limited route, with the header that says when to come back. */
export const rateLimitedResponse = {
  description:
    'RATE_LIMITED: this client spent its per-minute budget for this kind of route (`--rate-limit`). Retry after `Retry-After` seconds.',
  headers: {
    'Retry-After': {
      description: 'Seconds until the client’s budget is renewed.',
      schema: { type: 'integer', minimum: 1 },
    },
  },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
} as const;

/**
 * Documents `429 RATE_LIMITED` with `Retry-After` on every operation the per-client rate limit
 * covers (as `rateLimitKindFor` classifies it; the limits are on by default), replacing a plainer
 * 429 a route schema may list.
 */
export function withRateLimitResponses<T extends object>(openapi: T): T {
  const paths = mapOperations<Operation>((openapi as Document).paths, (operation, method, routeUrl) =>
    rateLimitKindFor(method, routeUrl) === null
      ? operation
      : { ...operation, responses: { ...operation.responses, 429: rateLimitedResponse } },
  );
  return { ...openapi, paths } as T;
}
