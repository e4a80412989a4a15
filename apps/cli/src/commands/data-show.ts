import { writeFile } from 'node:fs/promises';
import { GlyphError } from '@glyph/core';
import { loadDataset, renderContactSheet, summarizeDataset, type DatasetSummary } from '@glyph/node/datasets';
import type { CliIo } from '../cli-io';
import { progressReporter } from './data-progress';

export interface DataShowOptions {
  readonly spec: string;
  readonly dataDir?: string;
  readonly holdout?: number;
  readonly dedupe: boolean;
  readonly out?: string;
  readonly samples: number;
  readonly width?: number;
  readonly height?: number;
  readonly channels?: 1 | 3;
  readonly json: boolean;
}

export function parseDataShowOptions(spec: string, raw: Record<string, unknown>): DataShowOptions {
  const holdout = raw.holdout === undefined ? undefined : Number(raw.holdout);
  if (holdout !== undefined && !(holdout > 0 && holdout < 1)) {
    throw new GlyphError(
      'BAD_USAGE',
      `--holdout must be a fraction between 0 and 1, got "${String(raw.holdout)}"; e.g. 0.2.`,
    );
  }
  const samples = Number(raw.samples ?? 12);
  if (!Number.isInteger(samples) || samples < 1) {
    throw new GlyphError(
      'BAD_USAGE',
      `--samples must be a positive whole number, got "${String(raw.samples)}".`,
    );
  }
  const size = raw.size === undefined ? undefined : /^(\d+)x(\d+)$/i.exec(String(raw.size));
  if (size === null || (size && (Number(size[1]) < 1 || Number(size[2]) < 1))) {
    throw new GlyphError(
      'BAD_USAGE',
      `--size must look like 28x28 (width x height), got "${String(raw.size)}".`,
    );
  }
  if (raw.channels !== undefined && raw.channels !== '1' && raw.channels !== '3') {
    throw new GlyphError(
      'BAD_USAGE',
      `--channels must be 1 (grayscale) or 3 (RGB), got "${String(raw.channels)}".`,
    );
  }
  return {
    spec,
    dataDir: raw.dataDir === undefined ? undefined : String(raw.dataDir),
    holdout,
    dedupe: raw.dedupe === true,
    out: raw.out === undefined ? undefined : String(raw.out),
    samples,
    ...(size && { width: Number(size[1]), height: Number(size[2]) }),
    ...(raw.channels !== undefined && { channels: Number(raw.channels) as 1 | 3 }),
    json: raw.json === true,
  };
}

export async function runDataShow(options: DataShowOptions, io: CliIo): Promise<void> {
  const progress = progressReporter((text) => io.err(text), Boolean(process.stderr.isTTY));
  const dataset = await loadDataset(options.spec, {
    ...options,
    onProgress: (done, total) => progress.update('decoding images', done, total),
  }).finally(() => progress.end());
  const summary = summarizeDataset(dataset);
  let contactSheet: { path: string; split: string } | undefined;
  if (options.out) {
    const set = (dataset.train ?? dataset.test)!;
    await writeFile(options.out, await renderContactSheet(set, { samplesPerClass: options.samples }));
    contactSheet = { path: options.out, split: set.name };
  }
  if (options.json) {
    io.out(`${JSON.stringify({ ...summary, ...(contactSheet && { contactSheet }) }, null, 2)}\n`);
    return;
  }
  io.out(renderSummary(summary));
  if (contactSheet) io.out(`\nContact sheet of ${contactSheet.split} written to ${contactSheet.path}\n`);
}

function renderSummary(summary: DatasetSummary): string {
  const { image } = summary;
  const lines = [
    `dataset  ${summary.name}${summary.spec !== summary.name ? `  (spec ${summary.spec})` : ''}`,
    `images   ${image.width}×${image.height}, ${image.channels === 1 ? '1 channel (grayscale)' : '3 channels (RGB)'}, uint8`,
    `splits   ${summary.splits.map((split) => `${split.split} ${split.count}`).join(', ')}` +
      (summary.holdout ? `  (content-hash holdout, ${summary.holdout.fraction} to test)` : ''),
    `classes  ${summary.classNames.length}`,
    `sha256   ${summary.sha256}`,
    '',
    ...classTable(summary),
  ];
  // Skipped files are listed, with their reasons, in the notes (as `glyph train` prints them).
  if (summary.notes.length > 0) lines.push('', 'Notes:', ...summary.notes.map((note) => `  - ${note}`));
  return `${lines.join('\n')}\n`;
}

function classTable(summary: DatasetSummary): string[] {
  const header = ['class', ...summary.splits.map((split) => split.split)];
  const rows = summary.classNames.map((name, k) => [
    name,
    ...summary.splits.map((split) => String(split.classCounts[k])),
  ]);
  const total = ['total', ...summary.splits.map((split) => String(split.count))];
  const all = [header, ...rows, total];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return all.map(format);
}
