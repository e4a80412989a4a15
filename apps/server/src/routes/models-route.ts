import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { modelSummarySchema } from './schemas';

/** `GET /api/models`: the served models (those loaded so far while the server is starting). */
export function registerModelsRoute(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/models',
    {
      schema: {
        summary: 'List the served models',
        tags: ['models'],
        response: { 200: { type: 'array', items: modelSummarySchema } },
      },
    },
    async () =>
      context.registry.list().map(({ recognizer: { metadata } }) => ({
        id: metadata.id,
        name: metadata.name,
        task: metadata.task,
        labels: metadata.labels,
        input: metadata.input,
        metrics: metadata.metrics,
      })),
  );
}
