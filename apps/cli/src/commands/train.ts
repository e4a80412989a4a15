import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { GlyphError } from '@glyph/core';
import { isArchitectureName, listArchitectures } from '@glyph/core/zoo';
import {
  runTraining,
  stopOnSignals,
  type AugmentKind,
  type PhotoSubject,
  type PreprocessKind,
  type ScheduleKind,
  type TrainConfig,
} from '@glyph/node/train';
import type { CliIo } from '../cli-io';

/** CLI flag → config field, for options that are part of the recorded run config. */
const configFlags = {
  dataset: 'dataset',
  model: 'model',
  epochs: 'epochs',
  batchSize: 'batchSize',
  lr: 'learningRate',
  optimizer: 'optimizer',
  schedule: 'schedule',
  augment: 'augment',
  valSplit: 'valSplit',
  holdout: 'holdout',
  dedupe: 'dedupe',
  seed: 'seed',
  earlyStop: 'earlyStopPatience',
  input: 'input',
  preprocess: 'preprocess',
  subject: 'subject',
  backbone: 'backbone',
  fineTune: 'fineTuneEpochs',
  views: 'views',
  folds: 'folds',
  id: 'id',
  name: 'name',
  quantize: 'quantize',
  init: 'init',
} as const satisfies Record<string, keyof TrainConfig>;

/** `glyph train`: train a zoo architecture on a dataset into a model folder. */
export function registerTrainCommand(program: Command, io: CliIo): void {
  const architectures = listArchitectures().map((entry) => entry.name);
  program
    .command('train')
    .description('Train a model on a dataset; checkpoints every epoch, --resume continues a stopped run.')
    .requiredOption(
      '--out <dir>',
      'model folder to write (model.json, weights, metadata.json, history, curves)',
    )
    .option(
      '--dataset <spec>',
      'dataset spec: mnist, emnist-letters, emnist-byclass:test, folder:<path>; join several with + (mnist+folder:<path>)',
    )
    .option(
      '--model <arch>',
      `architecture: ${architectures.join(', ')}, or transfer (a head on a pretrained --backbone)`,
      'glyphnet',
    )
    .option(
      '--backbone <id|path|url>',
      'transfer: mobilenet-v2 (default, built offline from an installed package), or a TF.js LayersModel folder, model.json or URL',
    )
    .option(
      '--fine-tune <epochs>',
      'transfer: epochs that also train the backbone top, after --epochs of head only (default 10; for transfer --epochs defaults to 40 and --lr to 0.01)',
    )
    .option(
      '--views <n>',
      'transfer: cached views per training image, the image and augmented copies (default 6)',
    )
    .option(
      '--folds <k>',
      'score the recipe by k-fold cross-validation before the final run (transfer models)',
    )
    .option('--epochs <n>', 'passes over the training data', '10')
    .option('--batch-size <n>', 'images per optimizer step', '64')
    .option('--lr <rate>', 'peak learning rate', '0.002')
    .option('--optimizer <kind>', 'adam or sgd (momentum 0.9)', 'adam')
    .option('--schedule <kind>', 'learning-rate schedule: cosine, plateau, none', 'cosine')
    .option(
      '--augment [kind]',
      "random variants per epoch: auto (style for ink, photo for photos), style (other writers' hands + character), character (small warps), photo, none",
    )
    .option('--val-split <fraction>', 'share of the TRAINING data held out for validation', '0.1')
    .option('--holdout <fraction>', 'content-hash test partition for datasets without a usable test split')
    .option('--dedupe', 'drop byte-identical duplicate images first')
    .option('--seed <n>', 'seed for initialisation, splits, shuffling, augmentation and dropout', '1')
    .option('--early-stop <patience>', 'stop after this many epochs without validation improvement')
    .option('--input <WxHxC>', "model input, e.g. 28x28x1 (default: the architecture's)")
    .option('--preprocess <kind>', 'ink-mnist, ink-emnist or photo (default: from the dataset)')
    .option(
      '--subject <kind>',
      'photo subject step: character (find the glyph inside margins, even out shadows; default: centre crop)',
    )
    .option('--id <id>', 'model id in metadata (default: the --out folder name)')
    .option('--name <name>', 'display name in metadata')
    .option('--quantize <dtype>', 'store weights as float16 or uint8')
    .option(
      '--init <dir>',
      "start from the weights of this model folder (fine-tuning; same input; the data's classes are mapped onto its labels)",
    )
    .option('--workers <n>', 'worker threads for data-parallel training', String(availableParallelism()))
    .option('--backend <name>', 'TensorFlow.js backend: wasm, cpu, tensorflow', 'wasm')
    .option('--data-dir <dir>', 'dataset root (default $GLYPH_DATA_DIR or ~/.cache/glyph/datasets)')
    .option('--resume', 'continue the run in --out from its last checkpoint')
    .option('--force', 'start over in an --out folder that holds a model or checkpoints')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      await runTrainCommand(raw, command, io);
    });
}

async function runTrainCommand(raw: Record<string, unknown>, command: Command, io: CliIo): Promise<void> {
  const resume = raw.resume === true;
  if (!resume && raw.dataset === undefined) {
    throw new GlyphError('BAD_USAGE', 'glyph train needs --dataset <spec> (e.g. --dataset mnist).');
  }
  const config = parseConfig(raw);
  const explicit = new Set(
    Object.entries(configFlags)
      .filter(([flag]) => command.getOptionValueSource(flag) === 'cli')
      .map(([, field]) => field),
  );
  const signals = stopOnSignals(() => io.err('\nStopping after this step (Ctrl-C again quits at once)…\n'));
  try {
    const outcome = await runTraining({
      config,
      explicit,
      settings: {
        backend: String(raw.backend),
        workers: positiveInteger(raw.workers, '--workers'),
        ...(raw.dataDir !== undefined && { dataDir: String(raw.dataDir) }),
        commandLine: ['glyph', ...commandArgs(command)].join(' '),
      },
      outDirectory: String(raw.out),
      resume,
      force: raw.force === true,
      progress: { write: (text) => io.out(text), isTTY: process.stdout.isTTY === true },
      log: (line) => io.err(`${line}\n`),
      shouldStop: signals.shouldStop,
    });
    const { metrics, training } = outcome.metadata;
    io.out(
      `Saved ${outcome.outDirectory}: ${training.epochs} epochs in ${Math.round(training.seconds)}s on ${training.backend}; ` +
        `accuracy ${(metrics.accuracy * 100).toFixed(2)}% on ${String(metrics.evaluatedOn)} (${String(metrics.count)} images). ` +
        `Curves: ${outcome.curvesPath}\n`,
    );
  } finally {
    signals.dispose();
  }
}

function parseConfig(raw: Record<string, unknown>): TrainConfig {
  const model = String(raw.model);
  if (model !== 'transfer' && !isArchitectureName(model)) {
    throw new GlyphError(
      'BAD_USAGE',
      `Unknown --model "${model}". Choose one of: ${listArchitectures()
        .map((entry) => entry.name)
        .join(', ')}, transfer.`,
    );
  }
  return {
    dataset: String(raw.dataset ?? ''),
    model,
    epochs: positiveInteger(raw.epochs, '--epochs'),
    batchSize: positiveInteger(raw.batchSize, '--batch-size'),
    learningRate: positiveNumber(raw.lr, '--lr'),
    optimizer: oneOf(raw.optimizer, '--optimizer', ['adam', 'sgd'] as const),
    schedule: oneOf(raw.schedule, '--schedule', [
      'cosine',
      'plateau',
      'none',
    ] as const satisfies ScheduleKind[]),
    augment: parseAugment(raw.augment),
    valSplit: fraction(raw.valSplit, '--val-split', true),
    ...(raw.holdout !== undefined && { holdout: fraction(raw.holdout, '--holdout', false) }),
    dedupe: raw.dedupe === true,
    seed: nonNegativeInteger(raw.seed, '--seed'),
    ...(raw.earlyStop !== undefined && { earlyStopPatience: positiveInteger(raw.earlyStop, '--early-stop') }),
    ...(raw.input !== undefined && { input: parseInput(String(raw.input)) }),
    ...(raw.preprocess !== undefined && {
      preprocess: oneOf(raw.preprocess, '--preprocess', [
        'ink-mnist',
        'ink-emnist',
        'photo',
      ] as const satisfies PreprocessKind[]),
    }),
    ...(raw.subject !== undefined && {
      subject: oneOf(raw.subject, '--subject', ['character'] as const satisfies PhotoSubject[]),
    }),
    ...(raw.id !== undefined && { id: String(raw.id) }),
    ...(raw.name !== undefined && { name: String(raw.name) }),
    ...(raw.quantize !== undefined && {
      quantize: oneOf(raw.quantize, '--quantize', ['float16', 'uint8'] as const),
    }),
    ...(raw.init !== undefined && { init: resolve(String(raw.init)) }),
    ...transferOptions(raw, model),
  };
}

/** `--backbone`, `--fine-tune`, `--views` belong to transfer runs; `--folds` too, for now. */
function transferOptions(raw: Record<string, unknown>, model: string): Partial<TrainConfig> {
  const given = (['backbone', 'fineTune', 'views', 'folds'] as const).filter(
    (flag) => raw[flag] !== undefined,
  );
  if (model !== 'transfer' && given.length > 0) {
    throw new GlyphError(
      'BAD_USAGE',
      `--${given[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is for transfer learning: add --model transfer (a head on a pretrained backbone).`,
    );
  }
  return {
    ...(raw.backbone !== undefined && { backbone: String(raw.backbone) }),
    ...(raw.fineTune !== undefined && { fineTuneEpochs: nonNegativeInteger(raw.fineTune, '--fine-tune') }),
    ...(raw.views !== undefined && { views: positiveInteger(raw.views, '--views') }),
    ...(raw.folds !== undefined && { folds: atLeastTwo(raw.folds) }),
  };
}

function atLeastTwo(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2)
    throw new GlyphError('BAD_USAGE', `--folds must be a whole number ≥ 2 (e.g. 5), got "${String(value)}".`);
  return n;
}

function parseAugment(value: unknown): AugmentKind {
  if (value === undefined) return 'none';
  if (value === true) return 'auto';
  return oneOf(value, '--augment', [
    'auto',
    'none',
    'character',
    'style',
    'photo',
  ] as const satisfies AugmentKind[]);
}

/** `28x28x1` (width × height × channels) → `[height, width, channels]`. */
function parseInput(text: string): [number, number, number] {
  const match = /^(\d+)x(\d+)x([13])$/i.exec(text.trim());
  if (!match) {
    throw new GlyphError(
      'BAD_USAGE',
      `--input must look like 28x28x1 (width x height x channels 1 or 3), got "${text}".`,
    );
  }
  return [Number(match[2]), Number(match[1]), Number(match[3])];
}

function commandArgs(command: Command): string[] {
  // Commander keeps the words it parsed on the root program.
  let root: Command = command;
  while (root.parent) root = root.parent;
  return (root as unknown as { rawArgs: string[] }).rawArgs ?? [];
}

function oneOf<T extends string>(value: unknown, flag: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new GlyphError(
      'BAD_USAGE',
      `${flag} must be one of ${allowed.join(', ')}, got "${String(value)}".`,
    );
  }
  return value as T;
}

function positiveInteger(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new GlyphError('BAD_USAGE', `${flag} must be a positive whole number, got "${String(value)}".`);
  return n;
}

function nonNegativeInteger(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new GlyphError('BAD_USAGE', `${flag} must be a whole number ≥ 0, got "${String(value)}".`);
  return n;
}

function positiveNumber(value: unknown, flag: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n))
    throw new GlyphError('BAD_USAGE', `${flag} must be a positive number, got "${String(value)}".`);
  return n;
}

function fraction(value: unknown, flag: string, allowZero: boolean): number {
  const n = Number(value);
  if (!(n < 1 && (allowZero ? n >= 0 : n > 0))) {
    throw new GlyphError(
      'BAD_USAGE',
      `${flag} must be a fraction ${allowZero ? '≥ 0' : '> 0'} and < 1, e.g. 0.1; got "${String(value)}".`,
    );
  }
  return n;
}
