import type { z } from 'zod';
import { GlyphError } from '../errors/glyph-error';
import { modelMetadataSchema, type ModelMetadata } from './metadata';

/**
 * Validates parsed `metadata.json`; `source` names the folder or URL in the error message.
 *
 * @public
 */
export function parseModelMetadata(json: unknown, source: string): ModelMetadata {
  return parseOrExplain(
    modelMetadataSchema,
    json,
    `${source}/metadata.json is not valid model metadata`,
    'Re-export the model with `glyph train`, or fix the listed fields.',
  );
}

/** `schema`'s parse of `json`, or a MODEL_INVALID error naming the first problems and the fix. */
export function parseOrExplain<T extends z.ZodTypeAny>(
  schema: T,
  json: unknown,
  what: string,
  fix: string,
): z.infer<T> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new GlyphError('MODEL_INVALID', `${what} (${problems}). ${fix}`);
}

/** Fails before any work when the network's output units disagree with the metadata labels. */
export function assertLabelsMatchOutputs(
  metadata: { readonly labels: readonly string[] },
  outputUnits: number,
  source: string,
): void {
  if (metadata.labels.length !== outputUnits) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: metadata.json lists ${metadata.labels.length} labels but the network has ${outputUnits} output units. The labels must name every output unit in order.`,
    );
  }
}
