import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { GlyphError, type LabeledImages } from '@glyph/core';
import {
  decideHoldout,
  mapClassesToLabels,
  metadataInput,
  planEvaluation,
  runEvaluation,
} from '@glyph/core/evaluate';
import { describePartition, type EvaluationReport } from '@glyph/core/metrics';
import type { ModelMetadata } from '@glyph/core/model';
import { loadDataset, parseDatasetSpec, type LoadedDataset } from '@glyph/node/datasets';
import { initNodeEngine } from '@glyph/node/engine';
import { loadModelFolder } from '@glyph/node/model-io';
import { readCalibration } from '@glyph/node/recognize';
import { renderTerminalReport, writeEvaluationReport } from '@glyph/node/report';
import type { CliIo } from '../main';

interface EvalOptions {
  readonly model: string;
  readonly dataset: string;
  readonly holdout?: number;
  readonly report?: string;
  readonly json: boolean;
  readonly batchSize: number;
  readonly backend: string;
  readonly threads: number;
  readonly dataDir?: string;
  readonly topLosses: number;
  readonly dedupe: boolean;
}

/** `glyph eval`: score a model folder on a dataset and print or write the evaluation report. */
export function registerEvalCommand(program: Command, io: CliIo): void {
  program
    .command('eval')
    .description(
      'Evaluate a model folder on a dataset: accuracy, per-class scores, confusion matrix, mistakes.',
    )
    .requiredOption('--model <dir>', 'model folder (model.json, weights, metadata.json)')
    .requiredOption('--dataset <spec>', 'dataset spec, e.g. mnist:test, emnist-byclass, folder:./images:test')
    .option(
      '--holdout <fraction>',
      "score a content-hash held-out partition (default: the model's own, if any)",
    )
    .option('--report <dir>', 'write report.json, report.html, confusion.png and top-losses.png here')
    .option('--json', 'print the report as one JSON object on stdout (progress goes to stderr)')
    .option('--batch-size <n>', 'images per forward pass', '256')
    .option('--backend <name>', 'TensorFlow.js backend: wasm, cpu, tensorflow', 'wasm')
    .option('--threads <n>', 'wasm: threads that split each forward pass (default: the core count)')
    .option('--data-dir <dir>', 'dataset root (default $GLYPH_DATA_DIR or ~/.cache/glyph/datasets)')
    .option('--top-losses <n>', 'how many worst samples to keep in the report', '16')
    .option('--dedupe', 'drop byte-identical duplicate images before scoring')
    .action(async (raw: Record<string, unknown>) => {
      await runEval(parseEvalOptions(raw), io);
    });
}

function parseEvalOptions(raw: Record<string, unknown>): EvalOptions {
  const holdout = raw.holdout === undefined ? undefined : Number(raw.holdout);
  if (holdout !== undefined && !(holdout > 0 && holdout < 1)) {
    throw new GlyphError(
      'BAD_USAGE',
      `--holdout must be a fraction between 0 and 1, got "${String(raw.holdout)}"; e.g. 0.15.`,
    );
  }
  return {
    model: String(raw.model),
    dataset: String(raw.dataset),
    holdout,
    report: raw.report === undefined ? undefined : String(raw.report),
    json: raw.json === true,
    batchSize: positiveInteger(raw.batchSize, '--batch-size'),
    backend: String(raw.backend),
    threads: raw.threads === undefined ? availableParallelism() : positiveInteger(raw.threads, '--threads'),
    dataDir: raw.dataDir === undefined ? undefined : String(raw.dataDir),
    topLosses: positiveInteger(raw.topLosses, '--top-losses'),
    dedupe: raw.dedupe === true,
  };
}

function positiveInteger(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new GlyphError('BAD_USAGE', `${flag} must be a positive whole number, got "${String(value)}".`);
  }
  return n;
}

async function runEval(options: EvalOptions, io: CliIo): Promise<void> {
  const started = Date.now();
  const engine = await initNodeEngine({ backend: options.backend, threads: options.threads });
  const { model, metadata, directory } = await loadModelFolder(options.model);
  try {
    const { loaded, data, split, notes } = await loadEvaluationData(options, metadata);
    const modelInfo = {
      id: metadata.id,
      name: metadata.name,
      labels: metadata.labels,
      input: metadata.input,
      source: options.model,
    };
    // Every mismatch fails here, before the first forward pass.
    const plan = planEvaluation({ model, modelInfo, data });
    const { calibration } = await readCalibration(directory, metadata);
    const threads =
      engine.threads === undefined ? '' : `, ${engine.threads} thread${engine.threads === 1 ? '' : 's'}`;
    io.err(
      `Evaluating ${metadata.id} on ${data.name}: ${data.count} images, backend ${engine.backend}${threads}\n`,
    );
    const report = await runEvaluation({
      model,
      modelInfo,
      data,
      plan,
      dataset: {
        spec: options.dataset,
        sha256: loaded.sha256,
        partition: describePartition({
          dataset: loaded.name,
          split,
          holdoutFraction: loaded.holdout?.fraction,
        }),
        notes,
      },
      batchSize: options.batchSize,
      backend: engine.backend,
      loadMs: Date.now() - started,
      topLossCount: options.topLosses,
      ...(calibration && { temperature: calibration.temperature }),
      onProgress: progressPrinter(io),
    });
    await emit(report, data, options, io);
  } finally {
    model.dispose();
  }
}

interface EvaluationData {
  readonly loaded: LoadedDataset;
  readonly data: LabeledImages;
  readonly split?: string;
  readonly notes: string[];
}

/**
 * Loads the samples to score the way training prepared its own: the same holdout and dedupe, IDX
 * images as they are, folder images through the model's `preprocess` (after checking their class
 * names, so a wrong folder fails before that work).
 */
async function loadEvaluationData(options: EvalOptions, metadata: ModelMetadata): Promise<EvaluationData> {
  const spec = parseDatasetSpec(options.dataset);
  const decision = decideHoldout({
    requested: options.holdout,
    trainedOn: { name: datasetIdentity(metadata.dataset.name), holdout: metadata.dataset.holdout },
    evaluating: datasetIdentity(options.dataset),
  });
  const loaded = await loadDataset(options.dataset, {
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    ...(decision.fraction !== undefined && { holdout: decision.fraction }),
    dedupe: options.dedupe || (decision.source === 'model' && metadata.training.dedupe === true),
    // Folder files are read as `predict` reads them: same decoder, the model's own preprocess.
    ...(spec.kind === 'folder' && {
      preprocessing: { spec: metadata.preprocessing, input: metadataInput(metadata) },
    }),
  });
  const notes = [...decision.notes, ...loaded.notes];
  const split = spec.split ?? (loaded.holdout || loaded.test ? 'test' : 'train');
  const data = loaded.holdout ? loaded.test : loaded[split];
  if (data === undefined) {
    throw new GlyphError(
      'DATASET_MISSING',
      `${options.dataset} has no ${split} split to evaluate; run "glyph data list" to see what is present.`,
    );
  }
  if (spec.kind === 'folder') mapClassesToLabels(data.classNames, metadata.labels);
  notes.push(...holdoutConsistencyNotes(decision.source, metadata, loaded, data));
  return { loaded, data, split: loaded.holdout ? spec.split : split, notes };
}

/** When scoring the model's own holdout, says if it is not the partition training recorded. */
function holdoutConsistencyNotes(
  source: 'flag' | 'model' | 'none',
  metadata: ModelMetadata,
  loaded: LoadedDataset,
  data: LabeledImages,
): string[] {
  if (source !== 'model') return [];
  const notes: string[] = [];
  const recorded = metadata.dataset.sha256;
  if (recorded && recorded !== loaded.sha256) {
    notes.push(
      `The dataset files differ from those recorded in the model's metadata (sha256 ${loaded.sha256.slice(0, 12)}… vs ${recorded.slice(0, 12)}…), so the held-out partition may not be the one training left out.`,
    );
  }
  const testCount = metadata.dataset.testCount;
  if (typeof testCount === 'number' && testCount > 0 && testCount !== data.count) {
    notes.push(
      `The model's metadata records ${testCount} held-out images; this partition has ${data.count}.`,
    );
  }
  return notes;
}

/** The dataset a spec or metadata name refers to, without split: `mnist`, `folder:/abs/path`. */
function datasetIdentity(spec: string): string {
  try {
    const parsed = parseDatasetSpec(spec);
    return parsed.kind === 'known' ? parsed.name : `folder:${resolve(parsed.path)}`;
  } catch {
    return spec;
  }
}

/** One stderr line per tenth of the data, so logs stay short and stdout stays clean for --json. */
function progressPrinter(io: CliIo): (done: number, total: number) => void {
  let nextTenth = 1;
  return (done, total) => {
    if (done * 10 < nextTenth * total && done < total) return;
    nextTenth = Math.floor((done * 10) / total) + 1;
    io.err(`  ${done}/${total} images (${Math.floor((done * 100) / total)}%)\n`);
  };
}

async function emit(
  report: EvaluationReport,
  data: LabeledImages,
  options: EvalOptions,
  io: CliIo,
): Promise<void> {
  if (options.report !== undefined) {
    const written = await writeEvaluationReport(options.report, report, { data });
    io.err(
      `Report written to ${written.dir}: ${written.files.map((f) => f.slice(written.dir.length + 1)).join(', ')}\n`,
    );
  }
  io.out(options.json ? `${JSON.stringify(report)}\n` : renderTerminalReport(report));
}
