import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { listForReview } from '../feedback/review-listing';
import { errorResponses, predictionSchema } from './schemas';

interface ReviewQuerystring {
  model?: string;
  label?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export const maxReviewLimit = 1000;

const dateDescription =
  'A date (YYYY-MM-DD, a whole day in UTC) or an ISO date-time such as 2025-01-31T12:00:00Z.';

const querystring = {
  type: 'object',
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 200, description: 'Only this model’s samples.' },
    label: { type: 'string', minLength: 1, maxLength: 200, description: 'Only samples with this label.' },
    from: {
      type: 'string',
      minLength: 10,
      maxLength: 40,
      description: `Stored on or after. ${dateDescription}`,
    },
    to: {
      type: 'string',
      minLength: 10,
      maxLength: 40,
      description: `Stored on or before. ${dateDescription}`,
    },
    offset: { type: 'integer', minimum: 0, default: 0, description: 'Skip this many (paging).' },
    limit: { type: 'integer', minimum: 1, maximum: maxReviewLimit, default: 100 },
  },
} as const;

/** One listed sample with its loss; shared with the review-folder listing. */
export const scoredFields = {
  loss: {
    type: ['number', 'null'],
    description: 'Cross-entropy of the label under the model, -ln p(label); null with a note.',
  },
  confidence: { type: ['number', 'null'], description: 'The model’s probability of the label.' },
  guess: { anyOf: [predictionSchema, { type: 'null' }], description: 'The model’s top answer.' },
  note: {
    type: 'string',
    enum: ['empty', 'unreadable', 'unknown-label'],
    description: 'Why there is no loss: no ink, not decodable, or a label the model does not have.',
  },
} as const;

const response200 = {
  type: 'object',
  required: ['samples', 'total', 'offset', 'limit'],
  properties: {
    samples: {
      type: 'array',
      description:
        'Most suspicious first: images with nothing to read, then by loss, highest first; samples of models not served come last.',
      items: {
        type: 'object',
        required: [
          'id',
          'model',
          'label',
          'path',
          'url',
          'createdAt',
          'scored',
          'loss',
          'confidence',
          'guess',
        ],
        properties: {
          id: {
            type: 'string',
            description: 'The file name without .png; kept through relabel, delete and undo.',
          },
          model: { type: 'string' },
          label: { type: 'string' },
          path: {
            type: 'string',
            description: '<model>/<label folder>/<file>.png; what relabel and delete take.',
          },
          url: { type: 'string', description: 'Where the PNG is served.' },
          createdAt: { type: ['string', 'null'], description: 'When it was stored (from its file name).' },
          scored: { type: 'boolean', description: 'Whether its model is served, so it has a loss.' },
          ...scoredFields,
        },
      },
    },
    total: { type: 'integer', description: 'Samples matching the filters.' },
    offset: { type: 'integer' },
    limit: { type: 'integer' },
  },
} as const;

/**
 * `GET /api/feedback/review`: the feedback samples sorted by loss under the model each was sent
 * for, most suspicious first, with filters and paging. Forward passes are cached per file, so a
 * listing repeats only the work for samples added or changed since.
 */
export function registerFeedbackReviewRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Querystring: ReviewQuerystring }>(
    '/api/feedback/review',
    {
      schema: {
        summary: 'List the feedback samples by loss, for review',
        tags: ['feedback'],
        querystring,
        response: { 200: response200, ...errorResponses(400, 503) },
      },
    },
    async (request) => {
      const { model, label, from, to, offset, limit } = request.query;
      return listForReview(context.feedback, context.registry, context.losses, {
        model,
        label,
        from: from === undefined ? undefined : parseBound(from, 'from', 'start'),
        before: to === undefined ? undefined : parseBound(to, 'to', 'end'),
        offset,
        limit,
      });
    },
  );
}

/** The instant a bound names: a day's start, or (for `to`) the end of that day; a date-time as is. */
function parseBound(text: string, name: string, side: 'start' | 'end'): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = new Date(dateOnly ? `${text}T00:00:00.000Z` : text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new GlyphError('BAD_USAGE', `${name}=${JSON.stringify(text)} is not a date. ${dateDescription}`);
  }
  if (side === 'start') return date;
  // `to` includes the whole day, or the very millisecond given.
  return new Date(date.getTime() + (dateOnly ? 86_400_000 : 1));
}
