import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import type { ModelRegistry, ServedModel } from '../models/model-registry';
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
    async () => context.registry.list().map((model) => modelSummary(model, context.registry)),
  );
}

/** A served model as `GET /api/models` lists it (and the upload route answers it). */
export function modelSummary(model: ServedModel, registry: ModelRegistry) {
  const { id, name, task, labels, input, metrics } = model.recognizer.metadata;
  return {
    id,
    version: model.version,
    versions: registry.versionsOnDisk(model),
    name,
    task,
    labels,
    input,
    metrics,
  };
}
