import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabeledImages } from '@glyph/core/data';
import type { EvaluationReport } from '@glyph/core/metrics';
import { buildReportHtml, renderReportCharts } from './build-report-html';
import { svgToPng } from './render-confusion-png';
import { renderTopLossesPng } from './render-top-losses-png';

export interface WrittenReport {
  readonly dir: string;
  /** Absolute or `dir`-relative paths of every file written. */
  readonly files: readonly string[];
}

/**
 * Writes `report.json`, `report.html`, `confusion.png` and (given the evaluated `data`)
 * `top-losses.png` into `dir` — all renderings of the one JSON report. Each file is written to a
 * temporary name and renamed, so a reader never sees half a file.
 */
export async function writeEvaluationReport(
  dir: string,
  report: EvaluationReport,
  options: { data?: LabeledImages } = {},
): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const charts = await renderReportCharts(report);
  const outputs: [string, string | Buffer][] = [
    ['report.json', `${JSON.stringify(report, null, 2)}\n`],
    ['report.html', await buildReportHtml(report, { data: options.data, charts })],
    ['confusion.png', await svgToPng(charts.confusion.svg)],
  ];
  if (options.data !== undefined && report.topLosses.length > 0) {
    outputs.push(['top-losses.png', await renderTopLossesPng(report, options.data)]);
  }
  const files: string[] = [];
  for (const [name, content] of outputs) {
    const path = join(dir, name);
    await writeFile(`${path}.tmp`, content);
    await rename(`${path}.tmp`, path);
    files.push(path);
  }
  return { dir, files };
}
