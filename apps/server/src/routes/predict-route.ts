import type { Charset, Recognition, SequenceRecognition } from '@glyph/core/recognize';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { decodeRequestImage } from '../images/decode-request-image';
import { requestDeadline } from '../deadline';
import { inputToRawImage, pngDataUrl } from '../images/input-preview';
import { readImageBytes } from '../images/read-image-bytes';
import { recognizeImage } from '../inference/recognize-image';
import type { ServedModel } from '../models/model-registry';
import { boxSchema, errorResponses, predictionsSchema, rejectionSchema } from './schemas';
import { refuseUnreadWhenBusy } from '../images/refuse-busy-client';

type Flag = '0' | '1' | 'true' | 'false';

interface PredictQuery {
  top: number;
  sequence: Flag;
  debug: Flag;
  charset: Charset;
}

/** Query flags are written `1`/`0` (as in DESIGN) or `true`/`false`. */
const flag = (description: string) => ({
  type: 'string',
  enum: ['0', '1', 'true', 'false'],
  default: '0',
  description,
});
const isSet = (value: Flag): boolean => value === '1' || value === 'true';

const querystring = {
  type: 'object',
  properties: {
    top: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 5,
      description: 'How many predictions to return.',
    },
    sequence: flag('1: also segment the ink into characters and read them left to right.'),
    debug: flag('1: include the model input as a PNG data URL.'),
    charset: {
      type: 'string',
      enum: ['digits', 'letters', 'all'],
      default: 'all',
      description: 'With sequence=1: the characters a sequence may contain.',
    },
  },
} as const;

const response200 = {
  type: 'object',
  required: ['model', 'version', 'predictions', 'empty', 'timingMs'],
  properties: {
    model: { type: 'string' },
    version: { type: 'integer', minimum: 1, description: 'The model version that answered.' },
    predictions: predictionsSchema,
    empty: { type: 'boolean', description: 'True when the image holds no ink; predictions are then empty.' },
    rejected: rejectionSchema,
    timingMs: { type: 'number', description: 'Server time for this request, from arrival to answer.' },
    text: { type: 'string', description: 'With sequence=1: the characters read left to right.' },
    characters: {
      type: 'array',
      description: 'With sequence=1: each character found, left to right.',
      items: {
        type: 'object',
        required: ['box', 'predictions'],
        properties: { box: boxSchema, predictions: predictionsSchema },
      },
    },
    input: { type: 'string', description: 'With debug=1: the preprocessed model input as a PNG data URL.' },
  },
} as const;

/** What the OpenAPI document shows as the body; validation is by magic bytes, not by schema. */
const documentedBody = {
  description:
    'The image: raw bytes (PNG, JPEG, WebP or GIF, any Content-Type), multipart field "image", or JSON.',
  content: {
    'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
    'image/png': { schema: { type: 'string', format: 'binary' } },
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['image'],
        properties: { image: { type: 'string', format: 'binary' } },
      },
    },
    'application/json': {
      schema: {
        type: 'object',
        required: ['image'],
        properties: { image: { type: 'string', example: 'data:image/png;base64,iVBORw0KGgo…' } },
      },
    },
  },
};

/** `POST /api/models/:id/predict`: one image in, top-k labels out (micro-batched per model). */
export function registerPredictRoute(app: FastifyInstance, context: AppContext): void {
  app.post<{ Params: { id: string }; Querystring: PredictQuery }>(
    '/api/models/:id/predict',
    {
      preParsing: refuseUnreadWhenBusy(context),
      schema: {
        summary: 'Recognise one image',
        tags: ['predict'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        querystring,
        response: { 200: response200, ...errorResponses(400, 404, 413, 415, 422, 503) },
      },
      config: {
        swaggerTransform: ({ schema, url }: { schema: object; url: string }) => ({
          schema: { ...schema, body: documentedBody },
          url,
        }),
      },
    },
    async (request, reply) => {
      // Asked now so an unknown model is refused before its body is read; asked again below.
      context.registry.require(request.params.id);
      const bytes = await readImageBytes(request);
      // Covers the decode too: an abandoned request leaves the decode queue and frees its pixels.
      const { signal, clear } = requestDeadline(reply, context.options.requestTimeoutMs);
      let release = () => {};
      try {
        const decoded = await decodeRequestImage(context, bytes, { client: request.ip, signal });
        const image = decoded.image;
        release = decoded.release;
        const { top, charset } = request.query;
        const [debug, sequence] = [isSet(request.query.debug), isSet(request.query.sequence)];
        // The version serving now, in the same step as queueing on it: a version swapped out meanwhile
        // is never sent new work, and what was queued on it finishes there.
        const model = context.registry.require(request.params.id);
        const [recognition, read] = await Promise.all([
          // With `sequence` the image is read again below; otherwise its pixels can move to the model's thread.
          recognizeImage(model, { image, top, debug, handOver: !sequence, heavy: decoded.heavy }, signal),
          sequence
            ? model.batcher.runExclusive(
                () => model.recognizer.recognizeSequence(image, { top, charset }),
                signal,
              )
            : undefined,
        ]);
        return {
          model: model.id,
          version: model.version,
          predictions: recognition.predictions,
          empty: recognition.empty,
          // Rejections judge a single-character reading; a sequence reads several on purpose.
          ...(recognition.rejected && !sequence && { rejected: recognition.rejected }),
          ...(read ? sequenceFields(read) : {}),
          ...(debug ? await debugFields(context, model, recognition) : {}),
          timingMs: Math.round(reply.elapsedTime * 100) / 100,
        };
      } finally {
        clear();
        release();
      }
    },
  );
}

function sequenceFields(read: SequenceRecognition): Pick<SequenceRecognition, 'text' | 'characters'> {
  return { text: read.text, characters: read.characters };
}

async function debugFields(context: AppContext, model: ServedModel, recognition: Recognition) {
  if (recognition.input === undefined) return {};
  const preview = inputToRawImage(recognition.input, model.recognizer.metadata.input);
  return { input: pngDataUrl(await context.options.dependencies.encodePng(preview)) };
}
