import type { Command } from 'commander';
import { GlyphError } from '@glyph/core';
import { FIT_SCORER_DEFAULTS, SEQUENCE_SCORER_FILE, type ReadingMeasures } from '@glyph/core/sequence-scorer';
import { resolveDataDir } from '@glyph/node/datasets';
import { initNodeEngine } from '@glyph/node/engine';
import {
  collectLattices,
  fitModelScorer,
  saveLatticeFile,
  type SetMeasures,
} from '@glyph/node/sequence-scorer';
import type { CliIo } from '../cli-io';
import { progressReporter } from './data-progress';

const modelHelp = 'model folder (model.json, weights, metadata.json)';

/**
 * `glyph sequence-scorer lattices|fit`: save candidate lattices of written lines, then fit a model's
 * sequence scorer on them (`<model>/sequence-scorer.json`).
 */
export function registerSequenceScorerCommand(program: Command, io: CliIo): void {
  const scorer = program
    .command('sequence-scorer')
    .description(`Fit how a model reads lines of characters; writes <model>/${SEQUENCE_SCORER_FILE}.`);
  scorer
    .command('lattices')
    .description(
      'Write lines of MNIST digits, and save every candidate reading with the model’s probabilities.',
    )
    .requiredOption('--model <dir>', modelHelp)
    .requiredOption('--out <file>', 'JSON file to write')
    .option(
      '--split <split>',
      'MNIST split the digits come from: train (to fit on) or test (to check)',
      'train',
    )
    .option('--count <n>', 'lines of 3–8 digits', '1000')
    .option('--seed <n>', 'seed of the lines (fit and check on different seeds)', '11')
    .option('--backend <name>', 'TensorFlow.js backend: wasm, cpu, tensorflow', 'wasm')
    .option('--data-dir <dir>', 'dataset root (default $GLYPH_DATA_DIR or ~/.cache/glyph/datasets)')
    .action(async (raw: Record<string, unknown>) => runLattices(raw, io));
  scorer
    .command('fit')
    .description('Fit the scorer on saved lattices and compare it with the one the model uses now.')
    .requiredOption('--model <dir>', modelHelp)
    .option('--fit <files>', 'lattice files to fit on, comma-separated (lines of training digits)', '')
    .option('--check <files>', 'lattice files only to measure on, comma-separated (test digits)', '')
    .option('--hidden <n>', 'tanh units beside the linear part', String(FIT_SCORER_DEFAULTS.hidden))
    .option('--steps <n>', 'optimizer steps over all fitting lines', String(FIT_SCORER_DEFAULTS.steps))
    .option('--l2 <x>', 'L2 penalty on every weight', String(FIT_SCORER_DEFAULTS.l2))
    .option('--learning-rate <x>', 'Adam step size', String(FIT_SCORER_DEFAULTS.learningRate))
    .option('--seed <n>', 'seed of the starting weights', String(FIT_SCORER_DEFAULTS.seed))
    .option('--write', `save the fitted scorer as <model>/${SEQUENCE_SCORER_FILE}`)
    .action(async (raw: Record<string, unknown>) => runFit(raw, io));
}

function whole(flag: string, value: unknown, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new GlyphError('BAD_USAGE', `--${flag} must be a whole number ≥ ${min}, got "${String(value)}".`);
  return n;
}

function positive(flag: string, value: unknown): number {
  const n = Number(value);
  if (!(n >= 0 && Number.isFinite(n)))
    throw new GlyphError('BAD_USAGE', `--${flag} must be a number ≥ 0, got "${String(value)}"; e.g. 0.001.`);
  return n;
}

const files = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .filter(Boolean);

async function runLattices(raw: Record<string, unknown>, io: CliIo): Promise<void> {
  const split = String(raw.split);
  if (split !== 'train' && split !== 'test')
    throw new GlyphError('BAD_USAGE', `--split must be train or test, got "${split}".`);
  const count = whole('count', raw.count, 1);
  const seed = whole('seed', raw.seed, 0);
  await initNodeEngine({ backend: String(raw.backend) });
  const progress = progressReporter((text) => io.err(text), Boolean(process.stderr.isTTY));
  const saved = await collectLattices({
    model: String(raw.model),
    split,
    count,
    seed,
    dataDir: resolveDataDir(raw.dataDir as string | undefined),
    onProgress: (done, total) => progress.update('lines', done, total),
  }).finally(() => progress.end());
  const out = String(raw.out);
  await saveLatticeFile(out, saved);
  io.out(`${saved.lines.length} lines of mnist:${split} digits read by ${saved.model} → ${out}\n`);
}

async function runFit(raw: Record<string, unknown>, io: CliIo): Promise<void> {
  const options = {
    model: String(raw.model),
    fit: files(raw.fit),
    check: files(raw.check),
    hidden: whole('hidden', raw.hidden, 0),
    steps: whole('steps', raw.steps, 1),
    l2: positive('l2', raw.l2),
    learningRate: positive('learning-rate', raw.learningRate),
    seed: whole('seed', raw.seed, 0),
    write: raw.write === true,
  };
  if (options.fit.length === 0 && options.check.length === 0)
    throw new GlyphError(
      'BAD_USAGE',
      'Pass --fit and/or --check lattice files (written by `glyph sequence-scorer lattices`).',
    );
  if (options.write && options.fit.length === 0)
    throw new GlyphError('BAD_USAGE', '--write needs --fit files: there is nothing to fit.');
  const result = await fitModelScorer({
    ...options,
    onProgress: (step, loss, measures) => {
      io.out(`step ${step} loss ${loss.toFixed(5)}\n`);
      if (measures) showMeasures(`  step ${step}`, measures, io);
    },
  });
  showMeasures(`current (${result.current.from})`, result.current.measures, io);
  if (result.fitted) showMeasures('fitted', result.fitted.measures, io);
  if (result.written) io.out(`Wrote ${result.written}\n`);
}

function showMeasures(label: string, measures: SetMeasures, io: CliIo): void {
  const pct = (x: number) => (x * 100).toFixed(2);
  const line = (m: ReadingMeasures) =>
    `numbers ${pct(m.numbers)} digits ${pct(m.digits)} length ${pct(m.length)} reachable ${pct(m.reachable)}`;
  if (measures.fit) io.out(`${label} fit: ${line(measures.fit)}\n`);
  if (measures.check) io.out(`${label} check: ${line(measures.check)}\n`);
}
