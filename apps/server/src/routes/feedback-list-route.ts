import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { errorResponses } from './schemas';

interface FeedbackListQuery {
  model?: string;
  limit: number;
}

export const defaultFeedbackLimit = 500;
export const maxFeedbackLimit = 5000;

const querystring = {
  type: 'object',
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 200, description: 'Only this model’s samples.' },
    limit: {
      type: 'integer',
      minimum: 0,
      maximum: maxFeedbackLimit,
      default: defaultFeedbackLimit,
      description: 'At most this many samples, newest first; `counts` and `total` still cover all.',
    },
  },
} as const;

const response200 = {
  type: 'object',
  required: ['samples', 'counts', 'total', 'truncated'],
  properties: {
    samples: {
      type: 'array',
      description: 'Newest first.',
      items: {
        type: 'object',
        required: ['model', 'label', 'path', 'url'],
        properties: {
          model: { type: 'string' },
          label: { type: 'string' },
          path: {
            type: 'string',
            description: '<model>/<label folder>/<file>.png, relative to the feedback directory.',
          },
          url: { type: 'string', description: 'Where the PNG is served (GET /api/feedback/files/…).' },
        },
      },
    },
    counts: {
      type: 'array',
      description: 'Samples per model and label, including those beyond the limit.',
      items: {
        type: 'object',
        required: ['model', 'label', 'count'],
        properties: { model: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' } },
      },
    },
    total: { type: 'integer', description: 'All samples (of the model, if given).' },
    truncated: { type: 'boolean', description: 'Whether `samples` holds fewer than `total`.' },
  },
} as const;

/**
 * `GET /api/feedback`: the stored samples, newest first, with counts per model and label, from the
 * feedback store's index (the folder's in memory, or the database's), so it costs the page, not
 * the number of samples.
 */
export function registerFeedbackListRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Querystring: FeedbackListQuery }>(
    '/api/feedback',
    {
      schema: {
        summary: 'List the stored feedback samples',
        tags: ['feedback'],
        querystring,
        response: { 200: response200, ...errorResponses(400, 503) },
      },
    },
    async (request) => context.feedback.list({ model: request.query.model, limit: request.query.limit }),
  );
}
