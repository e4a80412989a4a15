import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { errorResponses } from './schemas';

interface FeedbackFileParams {
  model: string;
  label: string;
  file: string;
}

/**
 * `GET /api/feedback/files/:model/:label/:file`: one stored sample's PNG, the `url` of each sample
 * in `GET /api/feedback`. Each segment must be a name the feedback store writes; the folder store
 * follows no symbolic link, so nothing outside the feedback directory is served.
 */
export function registerFeedbackFileRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: FeedbackFileParams }>(
    '/api/feedback/files/:model/:label/:file',
    {
      schema: {
        summary: 'One stored feedback sample, as PNG',
        tags: ['feedback'],
        params: {
          type: 'object',
          required: ['model', 'label', 'file'],
          properties: {
            model: { type: 'string', description: 'The model folder name.' },
            label: { type: 'string', description: 'The label folder name, e.g. %41 for "A".' },
            file: { type: 'string', description: 'The file name, e.g. 20250131T235959123Z-1a2b3c4d.png.' },
          },
        },
        response: {
          200: {
            description: 'The PNG as stored.',
            content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errorResponses(404, 503),
        },
      },
    },
    async (request, reply) => {
      const { model, label, file } = request.params;
      const relativePath = `${model}/${label}/${file}`;
      const png = await context.feedback.read(relativePath);
      if (png === null) {
        throw new GlyphError(
          'ROUTE_NOT_FOUND',
          `No feedback sample ${JSON.stringify(`${model}/${label}/${file}`)}. GET /api/feedback lists the samples and their URLs.`,
        );
      }
      // A sample is never rewritten: its name holds the time and a random id.
      return reply
        .type('image/png')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400, immutable')
        .send(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    },
  );
}
