import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { withApiKeySecurity } from '../auth/openapi-security';
import { withRateLimitResponses } from '../rate-limit/openapi-rate-limit';

/**
 * The OpenAPI 3 document, generated from the route schemas: `GET /api/openapi.json`, with an
 * interactive page at `/api/docs`. Must be registered before the routes it describes.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Glyph recognition API',
        description:
          'Recognise handwritten characters and images. Errors are `{error: {code, message}}`; the codes are listed in docs/errors.md.',
        version: '0.1.0',
      },
      tags: [
        { name: 'models', description: 'The served models' },
        { name: 'predict', description: 'Recognition' },
        { name: 'feedback', description: 'Labelled samples for retraining' },
        { name: 'operations', description: 'Health, readiness and metrics' },
      ],
    },
    // Write and management routes need an API key (apps/server/src/auth); the API routes have a
    // per-client rate limit (apps/server/src/rate-limit).
    transformObject: (document) =>
      'openapiObject' in document
        ? withRateLimitResponses(withApiKeySecurity(document.openapiObject))
        : document.swaggerObject,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`),
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
}

/** `GET /api/openapi.json`; registered after every route so the document is complete. */
export function registerOpenApiDocumentRoute(app: FastifyInstance): void {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
