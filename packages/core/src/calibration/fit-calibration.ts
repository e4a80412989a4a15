import type * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../data/seeded-random';
import { imageAt, type LabeledImages } from '../data/labeled-images';
import { mapClassesToLabels } from '../evaluate/validate-inputs';
import { toFloatBatch } from '../evaluate/to-float-batch';
import { compileNetwork } from '../inference/compile-network';
import { calibrationError } from '../metrics/calibration-error';
import type { ModelMetadata } from '../model/metadata';
import { preprocess } from '../preprocess/preprocess';
import type { ModelCalibration } from './calibration-artifact';
import { collectEvidence, type Evidence } from './collect-evidence';
import { detectorScore } from './detector-score';
import { fitDetector, quantile } from './fit-detector';
import { drawNonCharacter, NON_CHARACTER_KINDS, type NonCharacterKind } from './non-characters';
import { REJECTION_FEATURE_NAMES, rejectionFeatures } from './rejection-features';
import { applyTemperature, fitTemperature } from './temperature';

/** Fewer validation images than this leave the temperature at 1 (too few to fit it reliably). */
export const MIN_TEMPERATURE_IMAGES = 500;

export interface FitCalibrationInput {
  readonly model: tf.LayersModel;
  readonly metadata: ModelMetadata;
  /** Held-out images in model-input form that training did not learn from (never the test split). */
  readonly validation: LabeledImages;
  /** Describes `validation` in the artifact, e.g. `mnist:train, validation 0.1 seed 7`. */
  readonly validationName: string;
  /** Generated non-characters to fit on (default 4000) and their seed (default 1). */
  readonly negatives?: { readonly count?: number; readonly seed?: number };
  /** A second generated set, another seed, measured but never fitted on (default count 3000, seed 1001). */
  readonly check?: { readonly count?: number; readonly seed?: number };
  /**
   * Share of held-out characters (stored and preprocessed) the detector may reject (default 0.004:
   * below the 1% budget with room for validation images a fine-tuned model saw in training).
   */
  readonly rejectShare?: number;
  /** Calibrated confidence under which an answer is "not sure" (default 0.5). */
  readonly uncertainBelow?: number;
  readonly onProgress?: (message: string) => void;
  /** ISO time stamp for `fitted.createdAt` (default now). */
  readonly createdAt?: string;
}

/**
 * Fits a model's calibration: the temperature on validation images (log loss), then for ink models
 * the "not a character" detector — validation characters (one half) against generated dots, lines and
 * scribbles, its threshold set on the other half so that `rejectShare` of characters fall under it —
 * and measures both on a fresh generated set of another seed.
 */
export async function fitCalibration(input: FitCalibrationInput): Promise<ModelCalibration> {
  const started = Date.now();
  const { model, metadata, validation } = input;
  const say = input.onProgress ?? (() => undefined);
  const shape = metadata.input;
  const compiled = compileNetwork(model);
  const network = compiled ?? model;
  try {
    const truth = mapClassesToLabels(validation.classNames, metadata.labels);
    const labels = Int32Array.from(validation.labels, (k) => truth[k]);
    say(`Reading ${validation.count} validation images`);
    const valuesPerImage = shape.width * shape.height * shape.channels;
    const inputs = Array.from({ length: validation.count }, (_, i) =>
      toFloatBatch(validation.images, i, 1, valuesPerImage),
    );
    const held = await collectEvidence(network, inputs, shape);
    // A few dozen images, often all right, would drive T to its bound and make answers overconfident.
    const temperature =
      validation.count >= MIN_TEMPERATURE_IMAGES ? fitTemperature(held.probabilities, labels) : 1;
    if (temperature === 1 && validation.count < MIN_TEMPERATURE_IMAGES)
      say(`Only ${validation.count} validation images (< ${MIN_TEMPERATURE_IMAGES}): temperature left at 1`);
    const calibrated = held.probabilities.map((row) => applyTemperature(row, temperature));
    const before = topCalibration(held.probabilities, labels);
    const after = topCalibration(calibrated, labels);
    say(`Temperature ${temperature.toFixed(3)}: validation ECE ${pct(before.ece)} -> ${pct(after.ece)}`);
    const uncertainBelow = input.uncertainBelow ?? 0.5;
    const fitted: Record<string, unknown> = {
      validation: input.validationName,
      validationCount: validation.count,
      validationEce: { before: before.ece, after: after.ece, bins: 15 },
      uncertainShare: share(calibrated, (row) => Math.max(...row) < uncertainBelow),
    };
    const ink = metadata.preprocessing.kind !== 'photo' && shape.channels === 1;
    const base = {
      format: 'glyph-calibration' as const,
      version: 1 as const,
      model: { id: metadata.id, createdAt: metadata.createdAt },
      temperature,
      uncertainBelow,
    };
    if (!ink || held.features[0]?.length === 0) {
      return { ...base, fitted: finish(fitted, started, input.createdAt) };
    }
    const detector = await fitRejection(
      network,
      metadata,
      validation,
      held,
      calibrated,
      labels,
      temperature,
      input,
      fitted,
      say,
    );
    return { ...base, detector, fitted: finish(fitted, started, input.createdAt) };
  } finally {
    compiled?.dispose();
  }
}

async function fitRejection(
  network: Parameters<typeof collectEvidence>[0],
  metadata: ModelMetadata,
  validation: LabeledImages,
  held: Evidence,
  calibrated: Float32Array[],
  labels: Int32Array,
  temperature: number,
  input: FitCalibrationInput,
  fitted: Record<string, unknown>,
  say: (message: string) => void,
) {
  const shape = metadata.input;
  // Even images fit the detector, odd ones set its threshold: neither half is the test split.
  const fitHalf = held.inputs.map((_, i) => i).filter((i) => i % 2 === 0);
  const thresholdHalf = held.inputs.map((_, i) => i).filter((i) => i % 2 === 1);
  const classDirections = meanDirections(held.features, labels, fitHalf, metadata.labels.length);
  const featuresOf = (evidence: Evidence, rows: Float32Array[], i: number) =>
    rejectionFeatures({
      input: evidence.inputs[i],
      width: shape.width,
      height: shape.height,
      probabilities: rows[i],
      features: evidence.features[i],
      classDirections,
    });
  // Characters reach the detector both as stored (model input already) and as predictions see them:
  // the stored image through the model's own preprocess, which crops, scales and centres it again.
  say('Preprocessing validation images the way predictions see them');
  const redrawn = await preprocessedEvidence(network, metadata, validation);
  const redrawnRows = redrawn.evidence.probabilities.map((row) => applyTemperature(row, temperature));
  const positives = [
    ...fitHalf.map((i) => featuresOf(held, calibrated, i)),
    ...redrawn.indices.flatMap((index, k) =>
      index % 2 === 0 ? [featuresOf(redrawn.evidence, redrawnRows, k)] : [],
    ),
  ];
  const negativeSeed = input.negatives?.seed ?? 1;
  say(`Drawing ${input.negatives?.count ?? 4000} non-characters (seed ${negativeSeed})`);
  const negativeSet = await generatedEvidence(
    network,
    metadata,
    input.negatives?.count ?? 4000,
    negativeSeed,
  );
  const negativeRows = negativeSet.evidence.probabilities.map((row) => applyTemperature(row, temperature));
  const negatives = negativeRows.map((_, i) => featuresOf(negativeSet.evidence, negativeRows, i));
  say(`Fitting the detector on ${positives.length} characters and ${negatives.length} non-characters`);
  const weights = fitDetector(positives, negatives, { seed: negativeSeed });
  const detector = {
    features: [...REJECTION_FEATURE_NAMES],
    ...weights,
    threshold: 0,
    classDirections,
  };
  const heldScores = [
    ...thresholdHalf.map((i) => detectorScore(featuresOf(held, calibrated, i), detector)),
    ...redrawn.indices.flatMap((index, k) =>
      index % 2 === 1 ? [detectorScore(featuresOf(redrawn.evidence, redrawnRows, k), detector)] : [],
    ),
  ];
  detector.threshold = quantile(heldScores, input.rejectShare ?? 0.004);
  const checkSeed = input.check?.seed ?? 1001;
  const checkSet = await generatedEvidence(network, metadata, input.check?.count ?? 3000, checkSeed);
  const checkRows = checkSet.evidence.probabilities.map((row) => applyTemperature(row, temperature));
  const rejected = checkRows.map(
    (_, i) => detectorScore(featuresOf(checkSet.evidence, checkRows, i), detector) < detector.threshold,
  );
  const byKind = Object.fromEntries(
    NON_CHARACTER_KINDS.map((kind) => {
      const members = rejected.filter((_, i) => checkSet.kinds[i] === kind);
      return [kind, members.filter(Boolean).length / Math.max(1, members.length)];
    }),
  );
  Object.assign(fitted, {
    negatives: { seed: negativeSeed, count: negatives.length, kinds: NON_CHARACTER_KINDS },
    heldOutCharactersRejected: heldScores.filter((s) => s < detector.threshold).length / heldScores.length,
    check: {
      seed: checkSeed,
      count: rejected.length,
      rejected: rejected.filter(Boolean).length / Math.max(1, rejected.length),
      rejectedByKind: byKind,
      blankAfterPreprocess: checkSet.blank,
    },
  });
  say(
    `Check set (seed ${checkSeed}): ${pct(rejected.filter(Boolean).length / rejected.length)} of non-characters rejected; ` +
      `${pct(fitted.heldOutCharactersRejected as number)} of held-out characters`,
  );
  return detector;
}

/** Validation images as raw pictures through the model's preprocess; `indices` name the source images. */
async function preprocessedEvidence(
  network: Parameters<typeof collectEvidence>[0],
  metadata: ModelMetadata,
  validation: LabeledImages,
): Promise<{ evidence: Evidence; indices: number[] }> {
  const inputs: Float32Array[] = [];
  const indices: number[] = [];
  for (let i = 0; i < validation.count; i++) {
    const picture = {
      data: imageAt(validation, i),
      width: validation.width,
      height: validation.height,
      channels: validation.channels,
    };
    const prepared = preprocess(picture, metadata.preprocessing, metadata.input);
    if (prepared.empty) continue;
    inputs.push(prepared.input);
    indices.push(i);
  }
  return { evidence: await collectEvidence(network, inputs, metadata.input), indices };
}

/** Draws `count` non-characters (kinds in turn) and runs them through the model's own preprocess. */
async function generatedEvidence(
  network: Parameters<typeof collectEvidence>[0],
  metadata: ModelMetadata,
  count: number,
  seed: number,
): Promise<{ evidence: Evidence; kinds: NonCharacterKind[]; blank: number }> {
  const random = mulberry32(seed);
  const inputs: Float32Array[] = [];
  const kinds: NonCharacterKind[] = [];
  let blank = 0;
  for (let i = 0; i < count; i++) {
    const kind = NON_CHARACTER_KINDS[i % NON_CHARACTER_KINDS.length];
    const prepared = preprocess(drawNonCharacter(kind, random), metadata.preprocessing, metadata.input);
    if (prepared.empty) {
      blank++;
      continue;
    }
    inputs.push(prepared.input);
    kinds.push(kind);
  }
  return { evidence: await collectEvidence(network, inputs, metadata.input), kinds, blank };
}

/** Per class: the unit-length mean of its images' features (zeros for a class with none). */
function meanDirections(
  features: readonly Float32Array[],
  labels: Int32Array,
  members: readonly number[],
  classCount: number,
): number[][] {
  const width = features[0].length;
  const sums = Array.from({ length: classCount }, () => new Float64Array(width));
  for (const i of members) for (let k = 0; k < width; k++) sums[labels[i]][k] += features[i][k];
  return sums.map((sum) => {
    const norm = Math.hypot(...sum);
    return Array.from(sum, (value) => (norm > 0 ? round(value / norm) : 0));
  });
}

function topCalibration(rows: readonly Float32Array[], labels: Int32Array) {
  const confidences = new Float64Array(rows.length);
  const correct = rows.map((row, i) => {
    let top = 0;
    for (let k = 1; k < row.length; k++) if (row[k] > row[top]) top = k;
    confidences[i] = row[top];
    return top === labels[i];
  });
  return calibrationError(confidences, correct, 15);
}

function share<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.filter(test).length / Math.max(1, items.length);
}

function finish(fitted: Record<string, unknown>, started: number, createdAt?: string) {
  return {
    ...fitted,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    createdAt: createdAt ?? new Date().toISOString(),
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}
