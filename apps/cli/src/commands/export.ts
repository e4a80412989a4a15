import type { Command } from 'commander';
import { GlyphError } from '@glyph/core';
import { initNodeEngine } from '@glyph/node/engine';
import { exportOnnx, type OnnxExportResult } from '@glyph/node/export';
import type { CliIo } from '../cli-io';

const formats = ['onnx'] as const;

interface ExportOptions {
  readonly model: string;
  readonly format: (typeof formats)[number];
  readonly out?: string;
  readonly check: number;
  readonly json: boolean;
  readonly backend: string;
}

/** `glyph export`: write a model folder in another runtime's format (ONNX), beside its metadata. */
export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('Export a model folder to ONNX (model.onnx with metadata.json beside it).')
    .requiredOption('--model <dir>', 'model folder (model.json, weights, metadata.json)')
    .requiredOption('--format <format>', `output format: ${formats.join(', ')}`)
    .option('--out <path>', 'a .onnx file, or a folder for model.onnx (default: <model>/model.onnx)')
    .option(
      '--check [inputs]',
      'run this many seeded random inputs through TF.js and onnxruntime and report the largest difference',
    )
    .option('--json', 'print one JSON object')
    .option('--backend <name>', 'TensorFlow.js backend for loading and --check: wasm, cpu', 'wasm')
    .action(async (raw: Record<string, unknown>) => {
      await runExport(parseOptions(raw), io);
    });
}

function parseOptions(raw: Record<string, unknown>): ExportOptions {
  const format = String(raw.format);
  if (!(formats as readonly string[]).includes(format)) {
    throw new GlyphError(
      'BAD_USAGE',
      `Unknown export format "${format}". Supported: ${formats.join(', ')} (e.g. --format onnx).`,
    );
  }
  // `--check` alone checks 100 inputs; `--check 20` checks 20.
  const check = raw.check === undefined ? 0 : raw.check === true ? 100 : Number(raw.check);
  if (!Number.isInteger(check) || check < 0) {
    throw new GlyphError('BAD_USAGE', `--check takes a whole number of inputs, got "${String(raw.check)}".`);
  }
  return {
    model: String(raw.model),
    format: format as ExportOptions['format'],
    ...(raw.out !== undefined && { out: String(raw.out) }),
    check,
    json: raw.json === true,
    backend: String(raw.backend),
  };
}

async function runExport(options: ExportOptions, io: CliIo): Promise<void> {
  await initNodeEngine({ backend: options.backend });
  const result = await exportOnnx(options.model, { out: options.out, checkInputs: options.check });
  io.out(options.json ? `${JSON.stringify(result)}\n` : formatResult(result));
}

function formatResult(result: OnnxExportResult): string {
  const shape = (dims: readonly (number | null)[]) => `[${dims.map((d) => d ?? 'batch').join(', ')}]`;
  const lines = [
    `wrote ${result.onnxPath} (${(result.bytes / 1e6).toFixed(2)} MB, ${result.nodes} nodes, opset 13)`,
    `  input "input" ${shape(result.inputShape)} float32 NHWC, output "output" ${shape(result.outputShape)}`,
    `  metadata: ${result.metadataPath}`,
  ];
  if (result.parity) {
    const { count, maxAbsDifference, top1Agreements } = result.parity;
    lines.push(
      `  check: ${count} inputs in onnxruntime vs TF.js: max |difference| ${maxAbsDifference.toExponential(2)}, same top-1 ${top1Agreements}/${count}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
