import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { GlyphError } from '@glyph/core';
import { retrainDefaults, runRetrain, stopOnSignals, type RetrainRequest } from '@glyph/node/train';
import type { CliIo } from '../cli-io';

/** `glyph retrain`: fine-tune a model on collected corrections plus the data it was trained on. */
export function registerRetrainCommand(program: Command, io: CliIo): void {
  program
    .command('retrain')
    .description(
      "Fine-tune a model on your corrections plus its original data (the model's own dataset and settings, --init from it).",
    )
    .requiredOption('--model <dir>', 'model folder to improve (left untouched)')
    .requiredOption(
      '--feedback <dir>',
      "folder of corrections, one sub-folder per label (the server's <feedback-dir>/<model>)",
    )
    .requiredOption('--out <dir>', 'model folder to write')
    .option('--base <spec>', "the original data (default: the dataset recorded in the model's metadata)")
    .option('--epochs <n>', 'passes over the data', String(retrainDefaults.epochs))
    .option(
      '--lr <rate>',
      'peak learning rate (low: the model already knows most)',
      String(retrainDefaults.learningRate),
    )
    .option(
      '--feedback-share <fraction>',
      'about this share of each epoch are corrections (each is repeated to get there)',
      String(retrainDefaults.feedbackShare),
    )
    .option('--base-limit <n>', 'train on a seeded sample of this many original images (quick runs)')
    .option('--seed <n>', "seed (default: the model's)")
    .option('--workers <n>', 'worker threads for data-parallel training', String(availableParallelism()))
    .option('--backend <name>', 'TensorFlow.js backend: wasm, cpu, tensorflow', 'wasm')
    .option('--data-dir <dir>', 'dataset root (default $GLYPH_DATA_DIR or ~/.cache/glyph/datasets)')
    .option('--force', 'replace a model already in --out')
    .action(async (raw: Record<string, unknown>) => {
      await runRetrainCommand(raw, io);
    });
}

async function runRetrainCommand(raw: Record<string, unknown>, io: CliIo): Promise<void> {
  const request: RetrainRequest = {
    modelDirectory: String(raw.model),
    feedbackDirectory: String(raw.feedback),
    ...(raw.base !== undefined && { base: String(raw.base) }),
    epochs: count(raw.epochs, '--epochs'),
    learningRate: rate(raw.lr, '--lr', Infinity),
    feedbackShare: rate(raw.feedbackShare, '--feedback-share', 1),
    ...(raw.baseLimit !== undefined && { baseLimit: count(raw.baseLimit, '--base-limit') }),
    ...(raw.seed !== undefined && { seed: count(raw.seed, '--seed') }),
  };
  const commandLine = ['glyph', 'retrain', ...process.argv.slice(3)].join(' ');
  const signals = stopOnSignals(() => io.err('\nStopping after this step (Ctrl-C again quits at once)…\n'));
  try {
    const outcome = await runRetrain(request, {
      settings: {
        backend: String(raw.backend),
        workers: count(raw.workers, '--workers'),
        ...(raw.dataDir !== undefined && { dataDir: String(raw.dataDir) }),
        commandLine,
      },
      outDirectory: String(raw.out),
      force: raw.force === true,
      progress: { write: (text) => io.out(text), isTTY: process.stdout.isTTY === true },
      log: (line) => io.err(`${line}\n`),
      shouldStop: signals.shouldStop,
    });
    const { metrics } = outcome.metadata;
    const { before, after } = outcome.corrections;
    io.out(
      `Saved ${outcome.outDirectory}: accuracy ${(metrics.accuracy * 100).toFixed(2)}% on ${String(metrics.evaluatedOn)} ` +
        `(${String(metrics.count)} images). Corrections read right: ${after.correct}/${after.count} ` +
        `(the starting model: ${before.correct}/${before.count}).\n`,
    );
  } finally {
    signals.dispose();
  }
}

function count(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new GlyphError('BAD_USAGE', `${flag} must be a positive whole number, got "${String(value)}".`);
  }
  return n;
}

function rate(value: unknown, flag: string, below: number): number {
  const n = Number(value);
  if (!(n > 0 && n < below)) {
    throw new GlyphError(
      'BAD_USAGE',
      `${flag} must be a number above 0${below === Infinity ? '' : ` and below ${below}`}, got "${String(value)}".`,
    );
  }
  return n;
}
