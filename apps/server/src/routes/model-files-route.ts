import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { errorResponses } from './schemas';

/** One plain file name: no separators, no leading dot (so no `..`, no hidden files). */
const fileNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const contentTypes: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.html': 'text/html; charset=utf-8',
};

/**
 * `GET /models/:id/:file`: the files of a served model's folder (`model.json`, weight shards,
 * `metadata.json`, reports, the rehearsal set `rehearsal.json` + `rehearsal.bin`), so the web app
 * can load the same model for in-browser inference and personalization.
 */
export function registerModelFilesRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: { id: string; file: string } }>(
    '/models/:id/:file',
    {
      schema: {
        summary: "A file of a served model's folder (model.json, weights, metadata.json)",
        tags: ['models'],
        params: {
          type: 'object',
          required: ['id', 'file'],
          properties: { id: { type: 'string' }, file: { type: 'string' } },
        },
        response: {
          200: { description: 'The file as stored.', type: 'string', format: 'binary' },
          ...errorResponses(404, 503),
        },
      },
    },
    async (request, reply) => {
      const { id, file } = request.params;
      const model = context.registry.require(id);
      const fullPath = path.join(model.folder, file);
      const isFile =
        fileNamePattern.test(file) &&
        (await stat(fullPath).then(
          (info) => info.isFile(),
          () => false,
        ));
      if (!isFile) {
        throw new GlyphError('ROUTE_NOT_FOUND', `Model "${id}" has no file "${file}".`);
      }
      const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      // A model can be replaced in place; browsers must revalidate rather than keep a stale copy.
      return (
        reply
          .type(type)
          .header('cache-control', 'no-cache')
          // A client fetching several files can check they all come from one version.
          .header('glyph-model-version', String(model.version))
          .send(createReadStream(fullPath))
      );
    },
  );
}
