import { z } from 'zod';
import { GlyphError } from '../errors/glyph-error';
import { PIECE_FEATURE_NAMES } from '../recognize/piece-features';
import type { SequenceWeights } from '../recognize/sequence-scoring';
import { SEQUENCE_WEIGHTS } from '../recognize/sequence-weights';

/** The name of the artifact in a model folder, beside `metadata.json`. */
export const SEQUENCE_SCORER_FILE = 'sequence-scorer.json';

const hiddenUnitSchema = z.object({
  bias: z.number(),
  input: z.array(z.number()),
  output: z.number(),
});

export const sequenceScorerSchema = z.object({
  format: z.literal('glyph-sequence-scorer'),
  version: z.literal(1),
  /** The model whose lattices it was fitted on: a retrained model (new `createdAt`) needs a refit. */
  model: z.object({ id: z.string(), createdAt: z.string() }),
  /** Order of the features (`PIECE_FEATURE_NAMES`); another list was fitted for other code. */
  features: z.array(z.string()),
  center: z.array(z.number()),
  scale: z.array(z.number().positive()),
  linear: z.array(z.number()),
  hidden: z.array(hiddenUnitSchema),
  stray: z.number(),
  /** How it was fitted and what it read on its lines (plain facts for readers). */
  fitted: z.record(z.unknown()),
});

export type SequenceScorerArtifact = z.infer<typeof sequenceScorerSchema>;

/** The artifact for `weights`, fitted on lattices of `model`. */
export function sequenceScorerArtifact(
  weights: SequenceWeights,
  model: { readonly id: string; readonly createdAt: string },
  fitted: Record<string, unknown>,
): SequenceScorerArtifact {
  return {
    format: 'glyph-sequence-scorer',
    version: 1,
    model: { id: model.id, createdAt: model.createdAt },
    features: [...PIECE_FEATURE_NAMES],
    center: [...weights.center],
    scale: [...weights.scale],
    linear: [...weights.linear],
    hidden: weights.hidden.map((u) => ({ bias: u.bias, input: [...u.input], output: u.output })),
    stray: weights.stray,
    fitted,
  };
}

/**
 * Validates a parsed `sequence-scorer.json`; a bad file, or one fitted for other features, is
 * `MODEL_INVALID` naming what is wrong.
 */
export function parseSequenceScorer(json: unknown, source: string): SequenceScorerArtifact {
  const refit = `Refit it with \`glyph sequence-scorer fit --model <dir> --write\`, or delete it to use the default scorer.`;
  const parsed = sequenceScorerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: ${SEQUENCE_SCORER_FILE} is not a valid sequence scorer (${issue.path.join('.') || 'root'}: ${issue.message}). ${refit}`,
    );
  }
  const artifact = parsed.data;
  if (artifact.features.join() !== PIECE_FEATURE_NAMES.join()) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: ${SEQUENCE_SCORER_FILE} weighs the features ${artifact.features.join(', ')}, but the recognizer computes ${PIECE_FEATURE_NAMES.join(', ')}. ${refit}`,
    );
  }
  const count = PIECE_FEATURE_NAMES.length;
  const lists = [artifact.center, artifact.scale, artifact.linear, ...artifact.hidden.map((u) => u.input)];
  if (lists.some((list) => list.length !== count)) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: ${SEQUENCE_SCORER_FILE} has weight lists that do not match its ${count} features. ${refit}`,
    );
  }
  return artifact;
}

/**
 * The weights a model reads lines with: its folder's `sequence-scorer.json` (parsed JSON, or
 * undefined when the folder has none) when fitted for this very model (same id and creation time),
 * else `SEQUENCE_WEIGHTS`, the scorer fitted on the shipped digits model.
 */
export function resolveSequenceWeights(
  json: unknown,
  metadata: { readonly id: string; readonly createdAt: string },
  source: string,
): { readonly weights: SequenceWeights; readonly from: 'folder' | 'default' | 'stale' } {
  if (json === undefined) return { weights: SEQUENCE_WEIGHTS, from: 'default' };
  const artifact = parseSequenceScorer(json, source);
  if (artifact.model.id !== metadata.id || artifact.model.createdAt !== metadata.createdAt) {
    return { weights: SEQUENCE_WEIGHTS, from: 'stale' };
  }
  const { center, scale, linear, hidden, stray } = artifact;
  return { weights: { center, scale, linear, hidden, stray }, from: 'folder' };
}
