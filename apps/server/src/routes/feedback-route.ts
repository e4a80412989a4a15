import { GlyphError } from '@glyph/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RawImage } from '@glyph/core';
import type { AppContext } from '../app-context';
import { decodeRequestImage } from '../images/decode-request-image';
import { abortError, requestDeadline } from '../deadline';
import type { ServedModel } from '../models/model-registry';
import { decodeDataUrl } from '../images/data-url';
import { encodeForStorage, type StoredImageOptions } from '../feedback/stored-image';
import { acknowledgeStored } from './acknowledge-stored';
import { errorResponses } from './schemas';

interface FeedbackBody {
  model: string;
  label: string;
  image: string;
}

const body = {
  type: 'object',
  required: ['model', 'label', 'image'],
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 200 },
    label: { type: 'string', minLength: 1, maxLength: 200, description: 'One of the model labels.' },
    image: { type: 'string', description: 'The drawing as a data URL (PNG, JPEG, WebP or GIF).' },
  },
} as const;

const response201 = {
  type: 'object',
  required: ['model', 'label', 'path'],
  properties: {
    model: { type: 'string' },
    label: { type: 'string' },
    path: {
      type: 'string',
      description:
        'Where the sample was stored, relative to the feedback directory: <model>/<label folder>/<file>.png.',
    },
  },
} as const;

/**
 * `POST /api/feedback`: a labelled sample ("wrong, it was X"), stored as a PNG in the feedback
 * directory, which is a `folder:` dataset for `glyph train`: scaled down to what the model needs,
 * within a byte cap, and within the model's disk quota (507 beyond it).
 */
export function registerFeedbackRoute(app: FastifyInstance, context: AppContext): void {
  app.post<{ Body: FeedbackBody }>(
    '/api/feedback',
    {
      schema: {
        summary: 'Store a labelled sample',
        tags: ['feedback'],
        body,
        response: { 201: response201, ...errorResponses(400, 404, 413, 415, 422, 429, 503, 507) },
      },
    },
    async (request, reply) => {
      const { model: modelId, label, image: dataUrl } = request.body;
      const model = requireModelLabel(context, modelId, label);
      return storeFeedbackImage(context, request.ip, reply, dataUrl, async (image, signal) => {
        const png = await encodeForStorage(image, storageOptions(context, model, dataUrl));
        if (signal.aborted) throw abortError(signal);
        const stored = await context.feedback.save(model.id, label, png, {
          source: 'feedback',
          client: request.ip,
        });
        request.log.info({ model: model.id, label, path: stored.relativePath }, 'feedback stored');
        return acknowledgeStored(reply, [stored], (samples) => context.feedback.discard(samples), {
          model: model.id,
          label,
          path: stored.relativePath,
        });
      });
    },
  );
}

/**
 * Decodes a feedback post's image (per-client decode limit, pixel budget) and hands it to `store`.
 * An abandoned post stops there: on hang-up or deadline its decode leaves the queue, `store` checks
 * `signal` before writing, so nothing is stored for it; the budget is freed either way.
 */
export async function storeFeedbackImage<T>(
  context: AppContext,
  client: string,
  reply: FastifyReply,
  dataUrl: string,
  store: (image: RawImage, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { signal, clear } = requestDeadline(reply, context.options.requestTimeoutMs);
  let release = () => {};
  try {
    const decoded = await decodeRequestImage(context, decodeDataUrl(dataUrl), { client, signal });
    release = decoded.release;
    return await store(decoded.image, signal);
  } finally {
    clear();
    release();
  }
}

/** The served model, when `label` is one of its labels; else MODEL_NOT_FOUND or LABEL_UNKNOWN. */
export function requireModelLabel(context: AppContext, modelId: string, label: string): ServedModel {
  const model = context.registry.require(modelId);
  const labels = model.recognizer.metadata.labels;
  if (!labels.includes(label)) {
    const shown = labels
      .slice(0, 20)
      .map((known) => JSON.stringify(known))
      .join(', ');
    throw new GlyphError(
      'LABEL_UNKNOWN',
      `Label ${JSON.stringify(label)} is not a label of model "${modelId}". Its labels are: ${shown}${labels.length > 20 ? ', …' : ''}.`,
    );
  }
  return model;
}

/**
 * How a feedback image is stored for `model`: scaled to what the model needs (see
 * `encodeForStorage`), with `count` samples sharing the bytes the client sent in `dataUrl`.
 */
export function storageOptions(
  context: AppContext,
  model: ServedModel,
  dataUrl: string,
  count = 1,
): StoredImageOptions {
  // Base64 carries 3 bytes in 4 characters; the part before the comma is the media type.
  const sentBytes = Math.floor(((dataUrl.length - dataUrl.indexOf(',') - 1) * 3) / 4);
  return {
    input: model.recognizer.metadata.input,
    sourceBytes: Math.floor(sentBytes / count),
    maxImageBytes: context.options.feedbackMaxImageBytes,
    encodePng: context.options.dependencies.encodePng,
  };
}
