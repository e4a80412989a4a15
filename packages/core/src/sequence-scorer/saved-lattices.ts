// Candidate lattices of written lines, saved with every candidate's class probabilities so the
// sequence scorer can be fitted and compared offline (`fitSequenceScorer`) without running the model
// again. Lines of training digits are for fitting; lines of test digits only for checking.
import { z } from 'zod';
import { GlyphError } from '../errors/glyph-error';
import { applyCharsetMask } from '../recognize/charset';
import type { SequenceCharacterInput, SequencePreprocessResult } from '../segment/preprocess-sequence';

const candidateSchema = z.object({
  /** `[x, y, width, height]` in image pixels. */
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** Class probabilities after the charset mask, one per label. */
  row: z.array(z.number()),
  /** For a cut piece: `[strokes, inkShare]` of each cut (see `CutSeam`). */
  seams: z.array(z.tuple([z.number(), z.number()])).optional(),
});

const latticeSchema = z.object({
  text: z.string(),
  lineHeight: z.number(),
  typicalWidth: z.number(),
  candidates: z.array(candidateSchema),
  /** Per position, its readings as candidate indices; `[0]` is the whole ink. */
  positions: z.array(z.array(z.array(z.number().int().nonnegative()).min(1)).min(1)),
  /** `[first, candidate]`: positions first and first + 1 read as one character. */
  joins: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});

const savedLatticesSchema = z.object({
  /** Id of the model whose probabilities the candidates carry. */
  model: z.string(),
  split: z.enum(['train', 'test']),
  seed: z.number(),
  labels: z.array(z.string()),
  lines: z.array(latticeSchema),
});

/** One candidate character: its box in image pixels, masked class probabilities and cut seams. */
export type SavedCandidate = z.infer<typeof candidateSchema>;
/** One line's lattice, shaped like `SequencePreprocessResult` with candidates by index. */
export type SavedLattice = z.infer<typeof latticeSchema>;
export type SavedLattices = z.infer<typeof savedLatticesSchema>;

/**
 * Validates a parsed lattice file; a file that is not one, or whose indices point past its
 * candidates or rows disagree with its labels, is `BAD_USAGE` naming where.
 */
export function parseSavedLattices(json: unknown, source: string): SavedLattices {
  const parsed = savedLatticesSchema.safeParse(json);
  const redo = 'Write it again with `glyph sequence-scorer lattices`.';
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GlyphError(
      'BAD_USAGE',
      `${source} is not a lattice file (${issue.path.join('.') || 'root'}: ${issue.message}). ${redo}`,
    );
  }
  const { labels, lines } = parsed.data;
  lines.forEach((line, n) => {
    const indices = [...line.positions.flat(2), ...line.joins.map(([, candidate]) => candidate)];
    const badIndex = indices.find((index) => index >= line.candidates.length);
    const badRow = line.candidates.findIndex((c) => c.row.length !== labels.length);
    if (badIndex !== undefined || badRow >= 0) {
      const what =
        badIndex !== undefined
          ? `candidate ${badIndex} of ${line.candidates.length}`
          : `candidate ${badRow} has ${line.candidates[badRow].row.length} probabilities for ${labels.length} labels`;
      throw new GlyphError('BAD_USAGE', `${source}: line ${n} refers to ${what}. ${redo}`);
    }
  });
  return parsed.data;
}

/**
 * A prepared line (`preprocessSequence`) as a saved lattice: each distinct candidate classified once
 * in one call of `classify`, its probabilities masked by the charset and kept to 9 digits.
 */
export async function lineLattice(
  text: string,
  prepared: SequencePreprocessResult,
  classify: (inputs: readonly Float32Array[]) => Promise<Float32Array[]>,
  mask: Uint8Array | undefined,
): Promise<SavedLattice> {
  const distinct = [
    ...new Set([
      ...prepared.positions.flatMap((position) => position.readings.flat()),
      ...prepared.joins.map((join) => join.character),
    ]),
  ];
  const rows = await classify(distinct.map((c) => c.input));
  const index = new Map<SequenceCharacterInput, number>(distinct.map((c, i) => [c, i]));
  return {
    text,
    lineHeight: prepared.lineHeight,
    typicalWidth: prepared.typicalWidth,
    candidates: distinct.map((c, i) => ({
      box: [c.box.x, c.box.y, c.box.width, c.box.height],
      row: Array.from(applyCharsetMask(rows[i], mask), (p) => Number(p.toPrecision(9))),
      ...(c.seams ? { seams: c.seams.map((s) => [s.strokes, Number(s.inkShare.toFixed(4))]) } : {}),
    })),
    positions: prepared.positions.map((p) => p.readings.map((r) => r.map((c) => index.get(c) as number))),
    joins: prepared.joins.map((j) => [j.first, index.get(j.character) as number]),
  };
}
