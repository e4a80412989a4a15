import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import type { FeedbackOperation } from '../feedback/feedback-operation';
import { sampleUrl } from '../feedback/feedback-layout';
import { parseSamplePath } from '../feedback/sample-path';
import { requireModelLabel } from './feedback-route';
import { errorResponses } from './schemas';

const samplePathSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 1000,
  description: '<model>/<label folder>/<file>.png, as listed by GET /api/feedback/review.',
} as const;

const placeSchema = {
  type: 'object',
  required: ['label', 'path'],
  properties: { label: { type: 'string' }, path: { type: 'string' } },
} as const;

const operationSchema = {
  type: 'object',
  required: ['id', 'kind', 'model', 'sample', 'from', 'to', 'at', 'state'],
  properties: {
    id: { type: 'string', description: 'What POST /api/feedback/undo takes.' },
    kind: { type: 'string', enum: ['relabel', 'delete'] },
    model: { type: 'string' },
    sample: { type: 'string', description: 'The sample id (file name without .png).' },
    from: { ...placeSchema, description: 'Where the sample was.' },
    to: {
      anyOf: [placeSchema, { type: 'null' }],
      description: 'Where a relabel put it; null for a delete (the sample is in the trash).',
    },
    at: { type: 'string', description: 'When (ISO 8601).' },
    undoneAt: { type: 'string', description: 'When it was last undone.' },
    state: {
      type: 'string',
      enum: ['applied', 'undone', 'superseded'],
      description:
        'Read from the disk: applied (can be undone), undone (the sample is back), superseded (a later operation moved it on).',
    },
  },
} as const;

const sampleSchema = {
  type: 'object',
  required: ['model', 'label', 'path', 'url'],
  properties: {
    model: { type: 'string' },
    label: { type: 'string' },
    path: { type: 'string' },
    url: { type: 'string' },
  },
} as const;

const editResponse = {
  type: 'object',
  required: ['operation'],
  properties: {
    operation: operationSchema,
    sample: { ...sampleSchema, description: 'Where the sample is now (absent after a delete).' },
  },
} as const;

/** The API's view of an operation: a deleted sample's place in the trash stays internal. */
function publicOperation(operation: FeedbackOperation) {
  return { ...operation, to: operation.kind === 'delete' ? null : operation.to };
}

function sampleAt(relativePath: string) {
  const location = parseSamplePath(relativePath)!;
  return { model: location.modelId, label: location.label, path: relativePath, url: sampleUrl(relativePath) };
}

/**
 * Relabel, delete and undo for stored feedback (the review view's actions), and the list of
 * operations to undo from. Each change is recorded and made atomically by the feedback store (a
 * rename in the folder, recorded in `.operations/`; a transaction in PostgreSQL), so it survives a
 * restart; a delete moves the sample into the trash, never removes it.
 */
export function registerFeedbackEditRoutes(app: FastifyInstance, context: AppContext): void {
  const editor = context.feedback;

  app.post<{ Body: { path: string; label: string } }>(
    '/api/feedback/relabel',
    {
      schema: {
        summary: 'Move a sample to another label of its model',
        tags: ['feedback'],
        body: {
          type: 'object',
          required: ['path', 'label'],
          properties: {
            path: samplePathSchema,
            label: { type: 'string', minLength: 1, maxLength: 200, description: 'One of the model labels.' },
          },
        },
        response: { 200: editResponse, ...errorResponses(400, 404, 409, 503) },
      },
    },
    async (request) => {
      const location = parseSamplePath(request.body.path);
      // A malformed path is the editor's to refuse; a well-formed one must name a served model's label.
      if (location) requireModelLabel(context, location.modelId, request.body.label);
      const operation = await editor.relabel(request.body.path, request.body.label);
      request.log.info(
        { operation: operation.id, from: operation.from.path, to: operation.to.path },
        'feedback relabelled',
      );
      return { operation: publicOperation(operation), sample: sampleAt(operation.to.path) };
    },
  );

  app.post<{ Body: { path: string } }>(
    '/api/feedback/delete',
    {
      schema: {
        summary: 'Move a sample into the trash (undoable)',
        tags: ['feedback'],
        body: { type: 'object', required: ['path'], properties: { path: samplePathSchema } },
        response: { 200: editResponse, ...errorResponses(400, 404, 409, 503) },
      },
    },
    async (request) => {
      const operation = await editor.delete(request.body.path);
      request.log.info({ operation: operation.id, from: operation.from.path }, 'feedback deleted');
      return { operation: publicOperation(operation) };
    },
  );

  app.post<{ Body: { operation?: string; sample?: string } }>(
    '/api/feedback/undo',
    {
      schema: {
        summary: 'Undo a relabel or delete',
        description:
          'By operation id, or by sample id (its latest relabel or delete that is still applied). The sample goes back to exactly where it was, byte for byte.',
        tags: ['feedback'],
        body: {
          type: 'object',
          properties: {
            operation: { type: 'string', minLength: 1, maxLength: 100, description: 'An operation id.' },
            sample: { type: 'string', minLength: 1, maxLength: 200, description: 'A sample id.' },
          },
        },
        response: { 200: editResponse, ...errorResponses(400, 404, 409, 503) },
      },
    },
    async (request) => {
      const { operation: operationId, sample } = request.body;
      if ((operationId === undefined) === (sample === undefined)) {
        throw new GlyphError(
          'BAD_USAGE',
          'Send exactly one of "operation" (an operation id) or "sample" (a sample id).',
        );
      }
      const operation = await editor.undo({ operation: operationId, sample });
      request.log.info(
        { operation: operation.id, restored: operation.from.path },
        'feedback operation undone',
      );
      return { operation: publicOperation(operation), sample: sampleAt(operation.from.path) };
    },
  );

  app.get<{ Querystring: { limit: number } }>(
    '/api/feedback/operations',
    {
      schema: {
        summary: 'The latest relabels and deletes, newest first',
        tags: ['feedback'],
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['operations'],
            properties: { operations: { type: 'array', items: operationSchema } },
          },
          ...errorResponses(400, 503),
        },
      },
    },
    async (request) => ({
      operations: (await editor.operations(request.query.limit)).map(publicOperation),
    }),
  );
}
