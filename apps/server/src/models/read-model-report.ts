import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import type { EvaluationReport } from '@glyph/core/metrics';
import type { ServedModel } from './model-registry';

/** Where a model folder keeps its evaluation report: `glyph eval --report <model folder>/report`. */
export const reportPath = ['report', 'report.json'] as const;

/**
 * The served model's evaluation report (`report/report.json` in its folder), checked to be a
 * Glyph report about this model's labels, so a page never draws a stale report against the wrong
 * classes. REPORT_NOT_FOUND when there is none; MODEL_INVALID when the file is not such a report.
 */
export async function readModelReport(model: ServedModel): Promise<EvaluationReport> {
  const file = path.join(model.folder, ...reportPath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw error;
    throw new GlyphError(
      'REPORT_NOT_FOUND',
      `Model "${model.id}" has no evaluation report (${reportPath.join('/')} in its folder). Write one with: glyph eval --model <model folder> --dataset <spec> --report <model folder>/report`,
    );
  }
  const invalid = (why: string) =>
    new GlyphError(
      'MODEL_INVALID',
      `The evaluation report of model "${model.id}" (${reportPath.join('/')}) ${why}. Regenerate it with glyph eval --report.`,
    );
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    throw invalid('is not valid JSON');
  }
  const candidate = (typeof report === 'object' && report !== null ? report : {}) as Record<string, unknown>;
  if (candidate.format !== 'glyph-evaluation-report' || candidate.version !== 1) {
    throw invalid('is not a version 1 glyph-evaluation-report');
  }
  const labels = model.recognizer.metadata.labels;
  if (JSON.stringify(candidate.labels) !== JSON.stringify(labels)) {
    throw invalid(`was made for other labels than the model's ${labels.length}`);
  }
  return candidate as unknown as EvaluationReport;
}
