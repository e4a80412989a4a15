import { join } from 'node:path';
import type { Command } from 'commander';
import { GlyphError, isGlyphError, type LabeledImages } from '@glyph/core';
import { CALIBRATION_FILE, fitCalibration } from '@glyph/core/calibration';
import { seededValidationSplit } from '@glyph/core/data';
import { metadataInput } from '@glyph/core/evaluate';
import type { ModelMetadata } from '@glyph/core/model';
import { loadDataset, parseDatasetSpec, splitDatasetSpecs } from '@glyph/node/datasets';
import { initNodeEngine } from '@glyph/node/engine';
import { loadModelFolder, writeFileAtomic } from '@glyph/node/model-io';
import { prepareData, type TrainConfig } from '@glyph/node/train';
import type { CliIo } from '../cli-io';

interface CalibrateOptions {
  readonly model: string;
  readonly dataset?: string;
  readonly negatives: number;
  readonly seed: number;
  readonly uncertainBelow: number;
  readonly rejectShare: number;
  readonly backend: string;
  readonly dataDir?: string;
}

/** `glyph calibrate`: fit a model folder's calibration (temperature + "not a character") and save it. */
export function registerCalibrateCommand(program: Command, io: CliIo): void {
  program
    .command('calibrate')
    .description(
      `Fit calibrated confidences and the "not a character" detector for a model folder; writes <model>/${CALIBRATION_FILE}.`,
    )
    .requiredOption('--model <dir>', 'model folder (model.json, weights, metadata.json)')
    .option(
      '--dataset <spec>',
      "dataset whose validation split is held out (default: the model's training dataset, first part)",
    )
    .option('--negatives <n>', 'generated dots, lines and scribbles to fit on', '4000')
    .option('--seed <n>', 'seed of the generated non-characters (the check set uses seed + 1000)', '1')
    .option('--uncertain-below <p>', 'calibrated confidence under which answers are "not sure"', '0.5')
    .option('--reject-share <p>', 'share of held-out characters the detector may reject', '0.004')
    .option('--backend <name>', 'TensorFlow.js backend: wasm, cpu, tensorflow', 'wasm')
    .option('--data-dir <dir>', 'dataset root (default $GLYPH_DATA_DIR or ~/.cache/glyph/datasets)')
    .action(async (raw: Record<string, unknown>) => {
      await runCalibrate(parseOptions(raw), io);
    });
}

function parseOptions(raw: Record<string, unknown>): CalibrateOptions {
  const count = (value: unknown, flag: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new GlyphError('BAD_USAGE', `${flag} must be a positive whole number, got "${String(value)}".`);
    return n;
  };
  const fraction = (value: unknown, flag: string) => {
    const n = Number(value);
    if (!(n >= 0 && n < 1))
      throw new GlyphError(
        'BAD_USAGE',
        `${flag} must be a fraction in [0, 1), got "${String(value)}"; e.g. 0.5.`,
      );
    return n;
  };
  return {
    model: String(raw.model),
    ...(raw.dataset !== undefined && { dataset: String(raw.dataset) }),
    negatives: count(raw.negatives, '--negatives'),
    seed: count(raw.seed, '--seed'),
    uncertainBelow: fraction(raw.uncertainBelow, '--uncertain-below'),
    rejectShare: fraction(raw.rejectShare, '--reject-share'),
    backend: String(raw.backend),
    ...(raw.dataDir !== undefined && { dataDir: String(raw.dataDir) }),
  };
}

async function runCalibrate(options: CalibrateOptions, io: CliIo): Promise<void> {
  await initNodeEngine({ backend: options.backend });
  const { model, metadata, directory } = await loadModelFolder(options.model);
  try {
    const { validation, name } = await loadValidation(options, metadata, io);
    io.err(`Calibrating ${metadata.id} on ${name}: ${validation.count} images\n`);
    const calibration = await fitCalibration({
      model,
      metadata,
      validation,
      validationName: name,
      negatives: { count: options.negatives, seed: options.seed },
      check: { count: Math.max(300, Math.round(options.negatives * 0.75)), seed: options.seed + 1000 },
      rejectShare: options.rejectShare,
      uncertainBelow: options.uncertainBelow,
      onProgress: (message) => io.err(`  ${message}\n`),
    });
    const path = join(directory, CALIBRATION_FILE);
    await writeFileAtomic(path, `${JSON.stringify(calibration, null, 1)}\n`);
    io.out(`Wrote ${path} (temperature ${calibration.temperature.toFixed(3)})\n`);
  } finally {
    model.dispose();
  }
}

/**
 * The model's own validation split, reproduced from its metadata exactly as training drew it (same
 * datasets, holdout, dedupe, sampling, validation fraction and seed: `prepareData`). When a part of
 * the training data is no longer on disk, or `--dataset` names another, the validation split of that
 * one dataset with the recorded fraction and seed. Never the test split.
 */
async function loadValidation(
  options: CalibrateOptions,
  metadata: ModelMetadata,
  io: CliIo,
): Promise<{ validation: LabeledImages; name: string }> {
  const training = metadata.training as Record<string, unknown>;
  const trainedOn = typeof training.dataset === 'string' ? training.dataset : metadata.dataset.name;
  const fraction = typeof training.valSplit === 'number' && training.valSplit > 0 ? training.valSplit : 0.1;
  const seed = typeof training.seed === 'number' ? training.seed : 1;
  const holdout = metadata.dataset.holdout?.fraction;
  if (options.dataset === undefined) {
    const config = {
      ...training,
      dataset: trainedOn,
      valSplit: fraction,
      seed,
      dedupe: training.dedupe === true,
      preprocess: metadata.preprocessing.kind,
      ...(holdout !== undefined && { holdout }),
    } as unknown as TrainConfig;
    const { height, width, channels } = metadata.input;
    try {
      const prepared = await prepareData(config, [height, width, channels], options.dataDir);
      if (prepared.validation) {
        return {
          validation: prepared.validation,
          name: `${trainedOn}: the training run's own validation split (${fraction}, seed ${seed})`,
        };
      }
    } catch (error) {
      if (!isGlyphError(error)) throw error;
      io.err(`  The training data cannot be rebuilt (${error.message}); using its first part.\n`);
    }
  }
  const spec = options.dataset ?? splitDatasetSpecs(trainedOn)[0];
  const parsed = parseDatasetSpec(spec);
  const loaded = await loadDataset(spec, {
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    ...(holdout !== undefined && { holdout }),
    dedupe: training.dedupe === true,
    ...(parsed.kind === 'folder' && {
      preprocessing: { spec: metadata.preprocessing, input: metadataInput(metadata) },
    }),
  });
  if (loaded.train === undefined) {
    throw new GlyphError(
      'DATASET_MISSING',
      `${spec} has no training split to hold validation images out of; pass --dataset with one (e.g. mnist).`,
    );
  }
  const { validation } = seededValidationSplit(loaded.train, fraction, seed);
  return { validation, name: `${spec}:train, validation ${fraction} seed ${seed}` };
}
