import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { GlyphError, isGlyphError } from '@glyph/core';
import type { Charset, Prediction, Recognizer, Rejection } from '@glyph/core/recognize';
import { initNodeEngine } from '@glyph/node/engine';
import { decodeImage } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import type { CliIo } from '../cli-io';

interface PredictOptions {
  readonly model: string;
  readonly images: readonly string[];
  readonly top: number;
  readonly sequence: boolean;
  readonly charset?: Charset;
  readonly json: boolean;
  readonly backend: string;
}

/** What one image came to: predictions, a sequence, "no ink", or the error that stopped it. */
type ImageResult =
  | { file: string; empty: boolean; predictions: readonly Prediction[]; rejected?: Rejection }
  | { file: string; empty: boolean; text: string; characters: readonly unknown[] }
  | { file: string; error: { code: string; message: string } };

/** `glyph predict`: recognise image files with a model folder, using the model's own preprocessing. */
export function registerPredictCommand(program: Command, io: CliIo): void {
  program
    .command('predict')
    .description('Recognise characters in image files (PNG, JPEG, WebP, GIF) with a model folder.')
    .requiredOption('--model <dir>', 'model folder (model.json, weights, metadata.json)')
    .argument('<image...>', 'image files')
    .option('--top <n>', 'how many predictions to show per character', '5')
    .option('--sequence', 'read a line of characters (segmented left to right) instead of one')
    .option('--charset <set>', 'with --sequence: allow only digits, letters or all labels', undefined)
    .option('--json', 'print one JSON object with every result')
    .option('--backend <name>', 'TensorFlow.js backend: wasm, cpu, tensorflow', 'wasm')
    .action(async (images: string[], raw: Record<string, unknown>) => {
      await runPredict(parsePredictOptions(images, raw), io);
    });
}

function parsePredictOptions(images: string[], raw: Record<string, unknown>): PredictOptions {
  const top = Number(raw.top);
  if (!Number.isInteger(top) || top < 1) {
    throw new GlyphError('BAD_USAGE', `--top must be a positive whole number, got "${String(raw.top)}".`);
  }
  const charset = raw.charset === undefined ? undefined : String(raw.charset);
  if (charset !== undefined && charset !== 'digits' && charset !== 'letters' && charset !== 'all') {
    throw new GlyphError('BAD_USAGE', `--charset must be digits, letters or all, got "${charset}".`);
  }
  if (charset !== undefined && raw.sequence !== true) {
    throw new GlyphError(
      'BAD_USAGE',
      '--charset constrains sequence reading; add --sequence or drop --charset.',
    );
  }
  return {
    model: String(raw.model),
    images,
    top,
    sequence: raw.sequence === true,
    charset,
    json: raw.json === true,
    backend: String(raw.backend),
  };
}

async function runPredict(options: PredictOptions, io: CliIo): Promise<void> {
  await initNodeEngine({ backend: options.backend });
  const recognizer = await loadRecognizerFromFolder(options.model);
  const results: ImageResult[] = [];
  try {
    for (const file of options.images) results.push(await predictFile(recognizer, file, options));
  } finally {
    recognizer.dispose();
  }
  io.out(
    options.json
      ? `${JSON.stringify({ model: recognizer.metadata.id, results })}\n`
      : results.map(formatResult).join(''),
  );
  const failed = results.filter((result) => 'error' in result);
  if (failed.length > 0) {
    const first = failed[0] as Extract<ImageResult, { error: unknown }>;
    throw new GlyphError(
      first.error.code as GlyphError['code'],
      `${failed.length} of ${results.length} image(s) could not be read; the first: ${first.file}: ${first.error.message}`,
    );
  }
}

async function predictFile(
  recognizer: Recognizer,
  file: string,
  options: PredictOptions,
): Promise<ImageResult> {
  try {
    const image = await decodeImage(await readImageFile(file));
    if (options.sequence) {
      const sequence = await recognizer.recognizeSequence(image, {
        top: options.top,
        charset: options.charset,
      });
      return { file, ...sequence };
    }
    const recognition = await recognizer.recognize(image, { top: options.top });
    return {
      file,
      empty: recognition.empty,
      predictions: recognition.predictions,
      ...(recognition.rejected && { rejected: recognition.rejected }),
    };
  } catch (error) {
    if (!isGlyphError(error)) throw error;
    return { file, error: { code: error.code, message: error.message } };
  }
}

async function readImageFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new GlyphError(
      'BAD_USAGE',
      `Cannot read image file ${file} (${(error as Error).message}). Check the path.`,
      {
        cause: error,
      },
    );
  }
}

function formatResult(result: ImageResult): string {
  if ('error' in result) return `${result.file}: error [${result.error.code}] ${result.error.message}\n`;
  if (result.empty) return `${result.file}: no ink\n`;
  if ('text' in result) {
    const characters = result.characters as readonly { predictions: readonly Prediction[] }[];
    const detail = characters.map((c) => formatPredictions(c.predictions.slice(0, 1))).join(' ');
    return `${result.file}: "${result.text}"  (${detail})\n`;
  }
  const rejected = 'rejected' in result ? result.rejected : undefined;
  if (rejected)
    return `${result.file}: ${rejectionHeadline(rejected)}  (${formatPredictions(result.predictions)})\n`;
  return `${result.file}: ${formatPredictions(result.predictions)}\n`;
}

/** What a writer reads first when an answer is flagged; the predictions follow in brackets. */
function rejectionHeadline(rejected: Rejection): string {
  if (rejected.reason === 'several-characters')
    return 'not a character (several side by side: try --sequence)';
  if (rejected.reason === 'not-a-character') return 'not a character';
  return 'not sure';
}

function formatPredictions(predictions: readonly Prediction[]): string {
  return predictions.map((p) => `${p.label} ${(p.confidence * 100).toFixed(1)}%`).join('  ');
}
