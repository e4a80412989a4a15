import { z } from 'zod';
import { GlyphError } from '../errors/glyph-error';

/** The name of the artifact in a model folder, beside `metadata.json`. */
export const CALIBRATION_FILE = 'calibration.json';

const hiddenUnitSchema = z.object({
  bias: z.number(),
  input: z.array(z.number()),
  output: z.number(),
});

const detectorSchema = z.object({
  /** Order of the features (see `REJECTION_FEATURE_NAMES`); a different list is a stale artifact. */
  features: z.array(z.string()),
  center: z.array(z.number()),
  scale: z.array(z.number().positive()),
  bias: z.number(),
  linear: z.array(z.number()),
  hidden: z.array(hiddenUnitSchema),
  /** Scores below this are "not a character". */
  threshold: z.number(),
  /** Per output unit: the unit-length mean penultimate features of its validation images. */
  classDirections: z.array(z.array(z.number())),
});

export const calibrationSchema = z.object({
  format: z.literal('glyph-calibration'),
  version: z.literal(1),
  /** The model it was fitted for: a retrained model (new `createdAt`) needs a new calibration. */
  model: z.object({ id: z.string(), createdAt: z.string() }),
  /** Probabilities are read as softmax(logits / temperature). */
  temperature: z.number().positive(),
  /** Calibrated top confidence under which an answer is "not sure". */
  uncertainBelow: z.number().min(0).max(1),
  /** Absent for models without ink features (photo models): temperature only. */
  detector: detectorSchema.optional(),
  /** How it was fitted and what it measured on its own held-out data (plain facts for readers). */
  fitted: z.record(z.unknown()),
});

export type ModelCalibration = z.infer<typeof calibrationSchema>;
export type RejectionDetector = z.infer<typeof detectorSchema>;

/** Validates a parsed `calibration.json`; a bad file is `MODEL_INVALID` naming what is wrong. */
export function parseCalibration(json: unknown, source: string): ModelCalibration {
  const parsed = calibrationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: ${CALIBRATION_FILE} is not a valid calibration (${issue.path.join('.') || 'root'}: ${issue.message}). Refit it with \`glyph calibrate --model <dir>\`, or delete it to use uncalibrated confidences.`,
    );
  }
  const { detector } = parsed.data;
  if (detector) {
    const count = detector.features.length;
    const lengths = [
      detector.center,
      detector.scale,
      detector.linear,
      ...detector.hidden.map((u) => u.input),
    ];
    if (lengths.some((list) => list.length !== count)) {
      throw new GlyphError(
        'MODEL_INVALID',
        `${source}: ${CALIBRATION_FILE} has detector weights that do not match its ${count} features. Refit it with \`glyph calibrate --model <dir>\`.`,
      );
    }
  }
  return parsed.data;
}

/** True when the artifact was fitted for this very model (same id and creation time). */
export function calibrationMatches(
  calibration: ModelCalibration,
  metadata: { readonly id: string; readonly createdAt: string },
): boolean {
  return calibration.model.id === metadata.id && calibration.model.createdAt === metadata.createdAt;
}
