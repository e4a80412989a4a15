import type { FastifyInstance } from 'fastify';

/** `GET /healthz`: liveness — the process answers (models may still be loading; see /readyz). */
export function registerHealthzRoute(app: FastifyInstance): void {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness: the process answers',
        tags: ['operations'],
        response: { 200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );
}
