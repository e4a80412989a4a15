import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { errorResponses, modelProblemSchema } from './schemas';

const readySchema = {
  type: 'object',
  required: ['status', 'models', 'versions', 'skipped'],
  properties: {
    status: { type: 'string', enum: ['ready'] },
    models: { type: 'array', items: { type: 'string' } },
    versions: {
      type: 'array',
      description: 'The version each served model serves.',
      items: {
        type: 'object',
        required: ['model', 'version'],
        properties: { model: { type: 'string' }, version: { type: 'integer' } },
      },
    },
    skipped: {
      type: 'array',
      description:
        'Model folders and versions that are not served, with the reason; a failed new version leaves the previous one serving.',
      items: modelProblemSchema,
    },
  },
} as const;

/**
 * `GET /readyz`: readiness — every model folder has been tried, and at least one model is loaded and
 * warmed up with a prediction, so predictions can be served. 503 NOT_READY before that.
 */
export function registerReadyzRoute(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: models loaded and warmed up',
        tags: ['operations'],
        response: { 200: readySchema, ...errorResponses(503) },
      },
    },
    async () => {
      const { registry } = context;
      if (registry.state === 'loading') {
        const states = registry.loadStates();
        const pending = states.filter((entry) => entry.state === 'loading').length;
        throw new GlyphError(
          'NOT_READY',
          `Loading and warming up models: ${pending} of ${states.length} folders to go.`,
        );
      }
      if (registry.state === 'closed') throw new GlyphError('NOT_READY', 'The server is shutting down.');
      if (registry.draining) {
        throw new GlyphError(
          'NOT_READY',
          'The server is shutting down: finishing requests, taking no new ones soon.',
        );
      }
      const served = registry.list();
      const models = served.map((model) => model.id);
      if (models.length === 0) {
        throw new GlyphError(
          'NOT_READY',
          `No model could be loaded from ${context.options.modelsDir} (${registry.skipped.length} folders skipped; see the log or GET /metrics). Train one with \`glyph train\` or pass --models <dir>.`,
        );
      }
      return {
        status: 'ready',
        models,
        versions: served.map((model) => ({ model: model.id, version: model.version })),
        skipped: registry.skipped,
      };
    },
  );
}
