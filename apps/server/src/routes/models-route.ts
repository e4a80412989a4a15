import type { ModelMetadata } from '@glyph/core/model';
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
    async () => context.registry.list().map(({ recognizer: { metadata } }) => modelSummary(metadata)),
  );
}

/** A served model as `GET /api/models` lists it (and the upload route answers it). */
export function modelSummary(metadata: ModelMetadata) {
  const { id, name, task, labels, input, metrics } = metadata;
  return { id, name, task, labels, input, metrics };
}
