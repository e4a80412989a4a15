import { z } from 'zod';
import type { LabeledImages } from '../data/labeled-images';
import { mulberry32, shuffleInPlace } from '../data/seeded-random';
import { selectImages } from '../data/select-images';
import { GlyphError } from '../errors/glyph-error';
import type { ModelMetadata } from '../model/metadata';
import { sha256Hex } from './sha256';

/** The files of a model folder's rehearsal set, beside `metadata.json`. */
export const REHEARSAL_JSON_FILE = 'rehearsal.json';
export const REHEARSAL_BIN_FILE = 'rehearsal.bin';

/**
 * `rehearsal.json`: a few training images per label of what the model already reads, kept with the
 * model so personalization (`personalize(…, { rehearsal })`) can train on them beside a user's
 * corrections and not forget the rest. The pixels are in `rehearsal.bin`: `count` images of
 * height×width×channels uint8 model-input bytes, one after another, exactly as training fed them.
 */
export const rehearsalSetSchema = z.object({
  format: z.literal('glyph-rehearsal'),
  version: z.literal(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  channels: z.union([z.literal(1), z.literal(3)]),
  /** The preprocessing recipe the bytes were laid out by (the model's own). */
  preprocessing: z.string().min(1),
  count: z.number().int().positive(),
  /** The label of every image, in file order (`labels.length === count`). */
  labels: z.array(z.string().min(1)),
  /** Dataset and split the images were drawn from, e.g. `mnist:train` (never a test split). */
  source: z.string().min(1),
  /** How they were picked: a seeded shuffle, the first `perClass` of every class. */
  selection: z.object({ seed: z.number().int(), perClass: z.number().int().positive() }),
  /** Lower-case hex SHA-256 of `rehearsal.bin`. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type RehearsalSetFile = z.infer<typeof rehearsalSetSchema>;

/**
 * Checks a parsed `rehearsal.json` and the bytes of `rehearsal.bin` against each other and against
 * the model they sit beside, and returns them as a set in the model's class order. `source` names
 * where they were read from, for messages. Throws DATASET_CORRUPT (bad file, wrong size or digest),
 * SHAPE_MISMATCH (another input size or preprocessing) or LABEL_UNKNOWN.
 */
export function parseRehearsalSet(
  json: unknown,
  bytes: Uint8Array,
  metadata: ModelMetadata,
  source: string,
): LabeledImages {
  const parsed = rehearsalSetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GlyphError(
      'DATASET_CORRUPT',
      `${source}: ${REHEARSAL_JSON_FILE} is not a valid rehearsal set (${issue.path.join('.') || 'root'}: ${issue.message}). Rebuild it with \`npm run build:rehearsal\`, or delete both rehearsal files to personalize without one.`,
    );
  }
  const file = parsed.data;
  const { input } = metadata;
  if (file.width !== input.width || file.height !== input.height || file.channels !== input.channels) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `${source}: the rehearsal images are ${file.width}×${file.height}×${file.channels}, but ${metadata.id} reads ${input.width}×${input.height}×${input.channels}. Rebuild them for this model with \`npm run build:rehearsal\`.`,
    );
  }
  if (file.preprocessing !== metadata.preprocessing.kind) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `${source}: the rehearsal images are laid out by ${file.preprocessing}, but ${metadata.id} reads ${metadata.preprocessing.kind}. Rebuild them for this model with \`npm run build:rehearsal\`.`,
    );
  }
  if (file.labels.length !== file.count) {
    throw new GlyphError(
      'DATASET_CORRUPT',
      `${source}: ${REHEARSAL_JSON_FILE} lists ${file.labels.length} labels for ${file.count} images.`,
    );
  }
  const unknown = [...new Set(file.labels.filter((label) => !metadata.labels.includes(label)))];
  if (unknown.length > 0) {
    throw new GlyphError(
      'LABEL_UNKNOWN',
      `${source}: the rehearsal images include labels ${unknown.map((l) => `"${l}"`).join(', ')}, which ${metadata.id} does not have.`,
    );
  }
  const expected = file.count * file.height * file.width * file.channels;
  if (bytes.length !== expected) {
    throw new GlyphError(
      'DATASET_CORRUPT',
      `${source}: ${REHEARSAL_BIN_FILE} holds ${bytes.length} bytes, but ${file.count} images of ${file.width}×${file.height}×${file.channels} need ${expected} (truncated or from another set).`,
    );
  }
  const digest = sha256Hex(bytes);
  if (digest !== file.sha256) {
    throw new GlyphError(
      'DATASET_CORRUPT',
      `${source}: ${REHEARSAL_BIN_FILE} does not match the sha256 in ${REHEARSAL_JSON_FILE} (${digest.slice(0, 12)}… instead of ${file.sha256.slice(0, 12)}…): the files are from different builds or damaged.`,
    );
  }
  return {
    name: `${file.source} rehearsal`,
    images: bytes,
    labels: Int32Array.from(file.labels, (label) => metadata.labels.indexOf(label)),
    count: file.count,
    width: file.width,
    height: file.height,
    channels: file.channels,
    classNames: [...metadata.labels],
  };
}

/**
 * `perClass` images of every class of `train` (fewer where a class has fewer), the first ones of a
 * seeded shuffle, in that shuffled order. Pick from a TRAINING split, never a test split.
 */
export function pickRehearsalImages(train: LabeledImages, perClass: number, seed: number): LabeledImages {
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new GlyphError(
      'BAD_USAGE',
      `Rehearsal images per class must be a whole number ≥ 1, got ${perClass}.`,
    );
  }
  const order = shuffleInPlace(
    Array.from({ length: train.count }, (_, i) => i),
    mulberry32(seed),
  );
  const taken = new Array<number>(train.classNames.length).fill(0);
  const picked = order.filter((i) => taken[train.labels[i]]++ < perClass);
  return selectImages(train, picked, `${train.name} rehearsal`);
}

/**
 * The `rehearsal.json` describing `set` (images in the model's class order), for writing beside
 * `rehearsal.bin` (= `set.images`). Throws BAD_USAGE for an empty set.
 */
export function rehearsalSetFile(
  set: LabeledImages,
  facts: { preprocessing: string; source: string; seed: number; perClass: number },
): RehearsalSetFile {
  if (set.count === 0) throw new GlyphError('BAD_USAGE', 'A rehearsal set needs at least one image.');
  const size = set.width * set.height * set.channels;
  return {
    format: 'glyph-rehearsal',
    version: 1,
    width: set.width,
    height: set.height,
    channels: set.channels,
    preprocessing: facts.preprocessing,
    count: set.count,
    labels: Array.from(set.labels, (index) => set.classNames[index]),
    source: facts.source,
    selection: { seed: facts.seed, perClass: facts.perClass },
    sha256: sha256Hex(set.images.subarray(0, set.count * size)),
  };
}
