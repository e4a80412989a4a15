import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { GlyphError, type LabeledImages } from '@glyph/core';
import { planEvaluation, runEvaluation } from '@glyph/core/evaluate';
import { describePartition, type EvaluationReport } from '@glyph/core/metrics';
import { parseDatasetSpec } from '@glyph/node/datasets';
import { initNodeEngine } from '@glyph/node/engine';
import { loadModelFolder } from '@glyph/node/model-io';
import { readCalibration } from '@glyph/node/recognize';
import { renderTerminalReport, writeEvaluationReport } from '@glyph/node/report';
import { prepareEvaluationData, type EvaluationDataRequest } from '@glyph/node/train';
import type { CliIo } from '../cli-io';

interface EvalOptions extends EvaluationDataRequest {
  readonly model: string;
  /** `--dataset` as typed, for the report. */
  readonly datasetSpec: string;
  readonly report?: string;
  readonly json: boolean;
  readonly batchSize: number;
  readonly backend: string;
  readonly threads: number;
  readonly topLosses: number;
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
    datasetSpec: String(raw.dataset),
    dataset: parseDatasetSpec(String(raw.dataset)),
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
    const { loaded, data, split, notes } = await prepareEvaluationData(options, metadata);
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
        spec: options.datasetSpec,
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
