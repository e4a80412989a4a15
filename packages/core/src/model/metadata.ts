import { z } from 'zod';

/** How raw pixels become model input; one spec, used by train, eval, server and browser. */
export const preprocessingSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ink-mnist') }).passthrough(),
  z.object({ kind: z.literal('ink-emnist') }).passthrough(),
  z
    .object({
      kind: z.literal('photo'),
      /** Per-channel mean and std applied after scaling to [0,1]; identity when absent. */
      mean: z.array(z.number()).optional(),
      std: z.array(z.number()).optional(),
      /**
       * Optional subject step before the resize. `character`: even out shadows and lighting, find
       * the character's ink inside the margins and cut it out with the training pictures' margin.
       * Absent: the centre crop (the bytes of models trained without it).
       */
      subject: z.literal('character').optional(),
      /**
       * The background the model was trained on. `dark` (Fashion-MNIST: light objects on black): a
       * picture whose border is brighter than mid-gray is inverted. Absent: pixels as they are.
       */
      background: z.literal('dark').optional(),
      /**
       * How the picture reaches the input's shape. Absent: the largest centred crop of the input's
       * aspect ratio. `stretch`: the whole picture resized to the input (nothing cut off; what
       * backbones trained on squashed pictures, such as the packaged MobileNetV2, expect).
       */
      resize: z.literal('stretch').optional(),
    })
    .passthrough(),
]);
export type PreprocessingSpec = z.infer<typeof preprocessingSpecSchema>;

/**
 * `metadata.json` beside `model.json` in every model folder (DESIGN "Model artifact").
 *
 * @public
 */
export const modelMetadataSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore'),
    name: z.string().min(1),
    task: z.enum(['character', 'image']),
    labels: z.array(z.string().min(1)).min(2),
    input: z.object({
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      channels: z.union([z.literal(1), z.literal(3)]),
    }),
    preprocessing: preprocessingSpecSchema,
    dataset: z
      .object({
        name: z.string(),
        split: z.string(),
        sha256: z.string(),
        /** Set when train/test come from a content-hash partition rather than official splits. */
        holdout: z.object({ fraction: z.number(), method: z.literal('content-hash') }).optional(),
      })
      .passthrough(),
    metrics: z.object({ accuracy: z.number().min(0).max(1) }).passthrough(),
    training: z
      .object({
        epochs: z.number().int().nonnegative(),
        seconds: z.number().nonnegative(),
        backend: z.string(),
      })
      .passthrough(),
    createdAt: z.string(),
    version: z.string(),
  })
  .passthrough();
/**
 * The validated contents of a model folder's `metadata.json`.
 *
 * @public
 */
export type ModelMetadata = z.infer<typeof modelMetadataSchema>;
