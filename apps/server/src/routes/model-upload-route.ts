import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { installModelZip } from '../models/model-upload';
import { toGlyphError } from '../errors/to-glyph-error';
import { errorResponses, modelSummarySchema } from './schemas';
import { modelSummary } from './models-route';

/** Content types a zip arrives with: browsers say application/zip, Windows x-zip-compressed. */
const zipTypes = new Set(['application/zip', 'application/x-zip-compressed', 'application/octet-stream']);

/**
 * `PUT /api/models/:id`: installs a zipped model folder (as the web app exports it) into the served
 * models directory and serves it at once, no restart. Off unless the server runs with
 * `--allow-model-uploads`; it is a write route, so once the server has write-route authentication
 * it requires the API key like the others. Uploads are installed one at a time.
 */
export async function registerModelUploadRoute(app: FastifyInstance, context: AppContext): Promise<void> {
  const { allowModelUploads, modelUploadLimitBytes } = context.options;
  let queue: Promise<unknown> = Promise.resolve();
  await app.register(async (scope) => {
    // Raw bytes of any type; the handler judges the type so a wrong one gets a message about zips.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: modelUploadLimitBytes },
      (_request, body, done) => done(null, body),
    );
    scope.setErrorHandler((error) => {
      const glyphError = toGlyphError(error);
      if (glyphError.code !== 'PAYLOAD_TOO_LARGE') throw glyphError;
      throw new GlyphError(
        'PAYLOAD_TOO_LARGE',
        `The model zip is larger than this server's upload limit of ${modelUploadLimitBytes} bytes. Start the server with a larger --model-upload-limit, or upload a smaller model (e.g. quantized weights).`,
        { cause: error },
      );
    });
    scope.put<{ Params: { id: string }; Querystring: { replace: boolean }; Body: Buffer }>(
      '/api/models/:id',
      {
        schema: {
          summary: 'Upload a model folder as a zip, and serve it',
          description:
            'Off unless the server runs with `--allow-model-uploads` (404 otherwise). The body is a zip of a Glyph model folder: model.json, its weight files and metadata.json, at the root or inside one top folder; its metadata id must be the id in the path. The model is validated, installed atomically as the next version of its model (models/<id>/<n+1>/) and served at once, replacing the version serving without failing a request. A model installed on the server (shipped or copied by hand) never gets uploaded versions; an earlier upload gets a new version with replace=true. A write route: it will require the API key of write-route authentication when the server has it.',
          tags: ['models'],
          params: {
            type: 'object',
            required: ['id'],
            properties: {
              id: {
                type: 'string',
                pattern: '^[a-z0-9][a-z0-9._-]*$',
                maxLength: 100,
                description: 'The model id, as in its metadata.json.',
              },
            },
          },
          querystring: {
            type: 'object',
            properties: {
              replace: {
                type: 'boolean',
                default: false,
                description:
                  'Serve this upload as the next version of an earlier upload with this id (never of a model installed on the server).',
              },
            },
          },
          response: {
            200: uploadAnswerSchema('The upload is the next version of an earlier one and serves now.'),
            201: uploadAnswerSchema('The model was added and serves now.'),
            ...errorResponses(400, 404, 409, 413, 415, 422, 503),
          },
        },
        config: {
          swaggerTransform: ({ schema, url }: { schema: object; url: string }) => ({
            schema: { ...schema, body: documentedBody },
            url,
          }),
        },
        onRequest: async (request) => {
          if (allowModelUploads) return;
          throw new GlyphError(
            'ROUTE_NOT_FOUND',
            `Model uploads are off on this server, so ${request.method} ${request.url} is not served. Start it with \`glyph serve --allow-model-uploads\` to accept model zips.`,
          );
        },
      },
      async (request, reply) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (!zipTypes.has(type)) {
          throw new GlyphError(
            'UNSUPPORTED_MEDIA_TYPE',
            `The body is ${type === '' ? 'untyped' : `"${type}"`}, but a model upload is a zip. Send the zip's bytes with Content-Type: application/zip.`,
          );
        }
        const install = () =>
          installModelZip(new Uint8Array(request.body), {
            registry: context.registry,
            modelsDir: context.options.modelsDir,
            id: request.params.id,
            replace: request.query.replace,
          });
        const result = queue.then(install, install);
        queue = result.catch(() => {});
        const { served, replaced } = await result;
        return reply
          .code(replaced ? 200 : 201)
          .send({ model: modelSummary(served, context.registry), replaced });
      },
    );
  });
}

/** What the OpenAPI document shows as the body; the zip is judged by its bytes, not by a schema. */
const documentedBody = {
  description: 'The zip file of a model folder.',
  content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
};

function uploadAnswerSchema(description: string) {
  return {
    description,
    type: 'object',
    required: ['model', 'replaced'],
    properties: { model: modelSummarySchema, replaced: { type: 'boolean' } },
  } as const;
}
