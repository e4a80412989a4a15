import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { GlyphError, errorCodes, type ErrorCode } from '@glyph/core';
import type { CliIo } from '../cli-io';

interface ExportSummary {
  readonly model: string;
  readonly outDir: string;
  readonly total: number;
  readonly written: number;
  readonly labels: number;
}

type ExportMessage =
  { type: 'done'; summary: ExportSummary } | { type: 'fatal'; code: string; message: string };

/**
 * `glyph feedback export`: a model's collected feedback, from the server's feedback store (a folder
 * or PostgreSQL), written as a `folder:` dataset for `glyph train --dataset folder:<dir>` and
 * `glyph retrain --feedback <dir>`.
 */
export function registerFeedbackCommand(program: Command, io: CliIo): void {
  const feedback = program.command('feedback').description('Work with the feedback `glyph serve` collected.');
  feedback
    .command('export')
    .description('Write a model’s feedback samples as a folder: dataset (one sub-folder per label).')
    .requiredOption(
      '--store <folder|url>',
      'the server’s --feedback-store: its feedback folder, or postgres://…',
    )
    .requiredOption('--model <id>', 'the model whose samples to export')
    .requiredOption(
      '--out <dir>',
      'folder to write; files already there are kept, so exporting again adds the new ones',
    )
    .action(async (options: { store: string; model: string; out: string }) => {
      const summary = await runExport([
        '--store',
        options.store,
        '--model',
        options.model,
        '--out',
        options.out,
      ]);
      io.out(
        `Exported ${summary.written} new of ${summary.total} samples (${summary.labels} labels) of ${summary.model} to ${summary.outDir}. Train with --dataset folder:${summary.outDir}\n`,
      );
    });
}

/** Runs the server's export entry as a child process (the CLI never loads the server's code). */
async function runExport(args: readonly string[]): Promise<ExportSummary> {
  const entry = createRequire(import.meta.url).resolve('@glyph/server/export-feedback');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let outcome: ExportMessage | undefined;
  child.on('message', (message: ExportMessage) => (outcome = message));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (outcome?.type === 'done') return outcome.summary;
  if (outcome?.type === 'fatal') {
    const known: ErrorCode = outcome.code in errorCodes ? (outcome.code as ErrorCode) : 'INTERNAL';
    throw new GlyphError(known, outcome.message);
  }
  throw new GlyphError(
    'INTERNAL',
    `The export stopped unexpectedly (exit code ${code}); see its output above.`,
  );
}
