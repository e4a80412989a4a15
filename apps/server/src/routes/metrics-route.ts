import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';

/**
 * `GET /metrics` (Prometheus text), plus the hook that counts and times every answered request by
 * route pattern (never the raw URL, which would make one series per model id or typo).
 */
export function registerMetricsRoute(app: FastifyInstance, context: AppContext): void {
  const { metrics, registry } = context;
  metrics.watchModels({
    queues: () =>
      registry
        .list()
        .map((model) => ({ model: model.id, version: model.version, depth: model.batcher.queueDepth })),
    loadStates: () => registry.loadStates(),
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics',
        tags: ['operations'],
        produces: ['text/plain'],
        response: { 200: { type: 'string', description: 'Prometheus text exposition format.' } },
      },
    },
    async (_request, reply) => {
      const { contentType, body } = await metrics.render();
      return reply.type(contentType).send(body);
    },
  );
}
