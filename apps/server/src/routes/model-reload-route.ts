import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { reloadModels } from '../lifecycle/model-reload';
import { errorResponses, modelProblemSchema } from './schemas';

const versionChange = {
  type: 'object',
  required: ['model', 'version'],
  properties: { model: { type: 'string' }, version: { type: 'integer' } },
} as const;

const reloadAnswer = {
  type: 'object',
  required: ['added', 'replaced', 'removed', 'unchanged', 'failed'],
  properties: {
    added: { type: 'array', items: versionChange, description: 'Models now served that were not.' },
    replaced: {
      type: 'array',
      description: 'Models now serving another version; the old one finished its queued predictions.',
      items: {
        type: 'object',
        required: ['model', 'from', 'to'],
        properties: { model: { type: 'string' }, from: { type: 'integer' }, to: { type: 'integer' } },
      },
    },
    removed: {
      type: 'array',
      items: versionChange,
      description: 'Models no longer served (folder removed).',
    },
    unchanged: { type: 'integer', description: 'Models left serving the version they served.' },
    failed: {
      type: 'array',
      description:
        'Versions and folders that are not served, with the reason; what served before still serves.',
      items: modelProblemSchema,
    },
  },
} as const;

/**
 * `POST /api/models/reload`: re-reads the models directory now (as polling and SIGHUP do) and answers
 * what changed. A management route: it needs an API key with the write scope.
 */
export function registerModelReloadRoute(app: FastifyInstance, context: AppContext): void {
  app.post(
    '/api/models/reload',
    {
      schema: {
        summary: 'Reload the models directory',
        description:
          'Serves new versions (models/<id>/<n>/), new and removed model folders now instead of at the next poll. Each new version is validated, loaded and warmed up beside the one serving, then takes its place without failing a request. Needs an API key with the write scope.',
        tags: ['models'],
        response: { 200: reloadAnswer, ...errorResponses(401, 403, 503) },
      },
    },
    async (request) => reloadModels(context.registry, request.log, 'api'),
  );
}
