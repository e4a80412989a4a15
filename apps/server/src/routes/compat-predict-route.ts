import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { decodeRequestImage } from '../images/decode-request-image';
import { requestDeadline } from '../deadline';
import { findDataUrlPayload } from '../images/data-url';
import { imageFromBuffer } from '../images/read-image-bytes';
import { recognizeImage } from '../inference/recognize-image';
import { errorResponses } from './schemas';
import { refuseUnreadWhenBusy } from '../images/refuse-busy-client';

const response200 = {
  type: 'object',
  required: ['prediction', 'confidence'],
  properties: {
    prediction: { type: 'string', description: 'Top-1 label; empty when the canvas holds no ink.' },
    confidence: {
      type: 'string',
      description:
        'Top-1 probability in percent, as text of at most 6 characters (e.g. "97.312"), as the original apps expect.',
    },
  },
} as const;

/**
 * `POST /predict/`: the endpoint the original canvas apps call. The body is a PNG data URL as raw
 * text (however the page's library labelled or form-encoded it) or JSON `{"image": …}`; the answer
 * comes from the default character model.
 */
export function registerCompatPredictRoute(app: FastifyInstance, context: AppContext): void {
  app.post(
    '/predict/',
    {
      preParsing: refuseUnreadWhenBusy(context),
      schema: {
        summary: 'Recognise a canvas data URL (compatibility with the original canvas apps)',
        tags: ['predict'],
        response: { 200: response200, ...errorResponses(400, 404, 413, 415, 422, 503) },
      },
      config: {
        swaggerTransform: ({ schema, url }: { schema: object; url: string }) => ({
          schema: {
            ...schema,
            body: {
              content: {
                'text/plain': { schema: { type: 'string', example: 'data:image/png;base64,iVBORw0KGgo…' } },
              },
            },
          },
          url,
        }),
      },
    },
    async (request, reply) => {
      context.registry.defaultCharacterModel(context.options.defaultModelId);
      const bytes = compatImageBytes(request.body);
      const { signal, clear } = requestDeadline(reply, context.options.requestTimeoutMs);
      let release = () => {};
      try {
        const decoded = await decodeRequestImage(context, bytes, { client: request.ip, signal });
        release = decoded.release;
        // Asked again in the step that queues the image: a version swapped out meanwhile gets no new work.
        const model = context.registry.defaultCharacterModel(context.options.defaultModelId);
        void reply.header('glyph-model', model.id).header('glyph-model-version', String(model.version));
        const recognition = await recognizeImage(
          model,
          { image: decoded.image, top: 1, debug: false, handOver: true, heavy: decoded.heavy },
          signal,
        );
        const best = recognition.predictions[0];
        if (recognition.empty || best === undefined) return { prediction: '', confidence: '0' };
        return { prediction: best.label, confidence: String(best.confidence * 100).slice(0, 6) };
      } finally {
        clear();
        release();
      }
    },
  );
}

function compatImageBytes(body: unknown): Uint8Array {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new GlyphError(
      'BAD_USAGE',
      'The body must be a PNG data URL (canvas.toDataURL()), as text or JSON {"image": …}.',
    );
  }
  const start = body.subarray(0, 16).toString('latin1').trimStart();
  if (start.startsWith('{') || start.toLowerCase().startsWith('data:')) return imageFromBuffer(body);
  // Anything else: a data URL wrapped in a form field, or raw image bytes (typed by magic bytes).
  return findDataUrlPayload(body.toString('latin1')) ?? body;
}
