import { z } from 'zod';
import { parseOrExplain } from './parse-metadata';

/**
 * `metadata.json` of a backbone folder (DESIGN "Model artifact"): a pretrained feature extractor that
 * transfer learning puts a head on. The network's output is the `features` layer, a vector of
 * `featureSize` numbers per image; `source` and `licence` say where the weights came from.
 */
export const backboneMetadataSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore'),
    name: z.string().min(1),
    task: z.literal('backbone'),
    input: z.object({
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      channels: z.literal(3),
    }),
    /** Pixels in [0,1] after scaling, then (x - mean) / std per channel (photo recipe). */
    preprocessing: z
      .object({
        kind: z.literal('photo'),
        mean: z.array(z.number()).length(3).optional(),
        std: z.array(z.number()).length(3).optional(),
        resize: z.literal('stretch').optional(),
      })
      .passthrough(),
    /** The layer whose output is the feature vector. */
    features: z.string().min(1),
    featureSize: z.number().int().positive(),
    /** Fine-tuning trains the layers after this one (a chain up to `features`); absent: head only. */
    fineTuneFrom: z.string().min(1).optional(),
    /** Where the weights came from: a package and file, a URL or a path. */
    source: z.string().min(1),
    licence: z.string().min(1),
    /** sha256 of the weight bytes as stored in this folder: photo models record it. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.string(),
    version: z.string(),
  })
  .passthrough();
export type BackboneMetadata = z.infer<typeof backboneMetadataSchema>;

/** Validates parsed backbone `metadata.json`; `source` names the folder in the error message. */
export function parseBackboneMetadata(json: unknown, source: string): BackboneMetadata {
  return parseOrExplain(
    backboneMetadataSchema,
    json,
    `${source}/metadata.json is not valid backbone metadata`,
    'Rebuild the backbone (npm run build:backbones) or fix the listed fields.',
  );
}
