import type { Box } from '@glyph/core/recognize';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { abortError } from '../deadline';
import { cropCharacter } from '../feedback/crop-character';
import { encodeForStorage } from '../feedback/stored-image';
import { requireModelLabel, storageOptions, storeFeedbackImage } from './feedback-route';
import { acknowledgeStored } from './acknowledge-stored';
import { boxSchema, errorResponses } from './schemas';

interface SequenceFeedbackBody {
  model: string;
  image: string;
  characters: { box: Box; label: string }[];
}

export const maxSequenceCharacters = 64;

const body = {
  type: 'object',
  required: ['model', 'image', 'characters'],
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 200 },
    image: {
      type: 'string',
      description: 'The whole line as a data URL, the image the sequence answer was for.',
    },
    characters: {
      type: 'array',
      minItems: 1,
      maxItems: maxSequenceCharacters,
      description: 'Left to right: each box of the sequence answer with the right label for it.',
      items: {
        type: 'object',
        required: ['box', 'label'],
        properties: {
          box: boxSchema,
          label: { type: 'string', minLength: 1, maxLength: 200, description: 'One of the model labels.' },
        },
      },
    },
  },
} as const;

const response201 = {
  type: 'object',
  required: ['model', 'samples'],
  properties: {
    model: { type: 'string' },
    samples: {
      type: 'array',
      description: 'One stored sample per character, in the order sent.',
      items: {
        type: 'object',
        required: ['label', 'path'],
        properties: { label: { type: 'string' }, path: { type: 'string' } },
      },
    },
  },
} as const;

/**
 * `POST /api/feedback/sequence`: a corrected line ("it was 1 7 4"), stored as one sample per
 * character: the pixels of each character's box with a background margin, under its label, the
 * same kind of sample a single-character correction stores, so a retrain learns each character.
 */
export function registerFeedbackSequenceRoute(app: FastifyInstance, context: AppContext): void {
  app.post<{ Body: SequenceFeedbackBody }>(
    '/api/feedback/sequence',
    {
      schema: {
        summary: 'Store a corrected sequence, one sample per character',
        tags: ['feedback'],
        body,
        response: { 201: response201, ...errorResponses(400, 404, 413, 415, 422, 429, 503, 507) },
      },
    },
    async (request, reply) => {
      const { model: modelId, image: dataUrl, characters } = request.body;
      // Every label is checked before anything is stored, so a bad one stores nothing.
      const model = characters.map(({ label }) => requireModelLabel(context, modelId, label))[0];
      return storeFeedbackImage(context, request.ip, reply, dataUrl, async (image, signal) => {
        const crops = characters.map(({ box }) => cropCharacter(image, box));
        // The characters share the bytes sent, so 64 boxes over one image cannot store it 64 times.
        const storage = storageOptions(context, model, dataUrl, crops.length);
        const pngs = [];
        for (const crop of crops) pngs.push(await encodeForStorage(crop, storage));
        if (signal.aborted) throw abortError(signal);
        const stored = await context.feedback.saveAll(
          model.id,
          pngs.map((png, index) => ({ label: characters[index].label, png })),
          { source: 'sequence', client: request.ip },
        );
        const samples = stored.map((sample, index) => ({
          label: characters[index].label,
          path: sample.relativePath,
        }));
        request.log.info({ model: model.id, count: samples.length }, 'sequence feedback stored');
        return acknowledgeStored(reply, stored, (taken) => context.feedback.discard(taken), {
          model: model.id,
          samples,
        });
      });
    },
  );
}
