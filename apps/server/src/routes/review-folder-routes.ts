import { createReadStream } from 'node:fs';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { compare } from '../feedback/list-feedback';
import { folderImageTypes, reviewFolderFile, scanReviewFolder } from '../feedback/review-folder';
import { scoredFields } from './feedback-review-route';
import { errorResponses } from './schemas';

interface FolderQuery {
  model: string;
  label?: string;
  offset: number;
  limit: number;
}

const response200 = {
  type: 'object',
  required: ['folder', 'model', 'samples', 'total', 'offset', 'limit'],
  properties: {
    folder: { type: 'string', description: 'The folder’s name (its last path segment).' },
    model: { type: 'string' },
    samples: {
      type: 'array',
      description: 'Highest loss first (unreadable or empty images before all).',
      items: {
        type: 'object',
        required: ['label', 'path', 'url', 'loss', 'confidence', 'guess'],
        properties: {
          label: { type: 'string', description: 'The class folder’s label.' },
          path: { type: 'string', description: '[<split>/]<class folder>/<file>, relative to the folder.' },
          url: { type: 'string' },
          ...scoredFields,
        },
      },
    },
    total: { type: 'integer' },
    offset: { type: 'integer' },
    limit: { type: 'integer' },
  },
} as const;

function requireFolder(context: AppContext): string {
  const folder = context.options.reviewFolder;
  if (folder === null) {
    throw new GlyphError(
      'ROUTE_NOT_FOUND',
      'No review folder is configured. Start the server with --review-folder <dir> (a folder with one sub-folder of images per class) to list its files by loss.',
    );
  }
  return folder;
}

/**
 * The configured training folder (`--review-folder`), read-only: its files sorted by loss under a
 * chosen model, and each file's bytes. Cleaning it is done in the folder itself, where the data
 * lives under the user's own control (often version control); the server never moves those files.
 */
export function registerReviewFolderRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Querystring: FolderQuery }>(
    '/api/review-folder',
    {
      schema: {
        summary: 'List the review folder’s files by loss under a model',
        tags: ['feedback'],
        querystring: {
          type: 'object',
          required: ['model'],
          properties: {
            model: { type: 'string', minLength: 1, maxLength: 200, description: 'The model to score with.' },
            label: { type: 'string', minLength: 1, maxLength: 200, description: 'Only this class.' },
            offset: { type: 'integer', minimum: 0, default: 0 },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
        response: { 200: response200, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const root = requireFolder(context);
      const { model: modelId, label, offset, limit } = request.query;
      const model = context.registry.require(modelId);
      const all = await scanReviewFolder(root);
      const files = label === undefined ? all : all.filter((file) => file.label === label);
      const scores = await context.losses.score(
        model,
        files.map((file) => ({
          absolutePath: path.join(root, ...file.path.split('/')),
          identity: `folder:${file.path}`,
          label: file.label,
        })),
        label === undefined,
      );
      const rank = (index: number) => {
        const score = scores[index];
        if (score.note === 'empty' || score.note === 'unreadable') return Number.MAX_VALUE;
        return score.loss ?? -Number.MAX_VALUE;
      };
      const order = files.map((_, index) => index);
      order.sort((a, b) => rank(b) - rank(a) || compare(files[a].path, files[b].path));
      return {
        folder: path.basename(root),
        model: model.id,
        samples: order.slice(offset, offset + limit).map((index) => ({ ...files[index], ...scores[index] })),
        total: files.length,
        offset,
        limit,
      };
    },
  );

  app.get<{ Params: { '*': string } }>(
    '/api/review-folder/files/*',
    {
      schema: {
        summary: 'One file of the review folder',
        tags: ['feedback'],
        response: {
          200: {
            description: 'The image as stored.',
            content: { 'image/*': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const root = requireFolder(context);
      const relativePath = request.params['*'];
      const fullPath = await reviewFolderFile(root, relativePath);
      if (fullPath === null) {
        throw new GlyphError(
          'SAMPLE_NOT_FOUND',
          `No image ${JSON.stringify(relativePath)} in the review folder. GET /api/review-folder lists its files and URLs.`,
        );
      }
      return reply
        .type(folderImageTypes[path.extname(fullPath).toLowerCase()])
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-cache')
        .send(createReadStream(fullPath));
    },
  );
}
