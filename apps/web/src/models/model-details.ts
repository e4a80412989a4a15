// Everything the model page shows: the summary from /api/models, the full metadata.json and, when
// the server has one, the evaluation report (else a report rebuilt from metrics in the metadata).
import {
  accuracyFromConfusion,
  classMetrics,
  macroAverage,
  mostConfused,
  weightedAverage,
  type EvaluationReport,
} from '@glyph/core/metrics';
import { fetchJson, modelFileUrl } from '../api/api-client';
import type { ModelSummary } from '../api/api-types';

export interface ModelDetails {
  readonly summary: ModelSummary;
  readonly metadata: Readonly<Record<string, unknown>> | null;
  readonly report: EvaluationReport | null;
  /** Where the report came from, shown under the chart. */
  readonly reportSource: 'report' | 'metadata' | null;
}

/** A report about these very classes: a report left over from before retraining would mislabel the chart. */
const isReportFor = (value: unknown, labels: readonly string[]): value is EvaluationReport => {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as { format?: unknown; labels?: unknown; confusion?: unknown };
  return (
    report.format === 'glyph-evaluation-report' &&
    Array.isArray(report.labels) &&
    report.labels.length === labels.length &&
    report.labels.every((label, i) => label === labels[i]) &&
    isMatrix(report.confusion, labels.length)
  );
};

async function firstReport(
  urls: readonly string[],
  labels: readonly string[],
): Promise<EvaluationReport | null> {
  for (const url of urls) {
    const report = await fetchJson<unknown>(url, 'Loading the evaluation report').catch(() => null);
    if (isReportFor(report, labels)) return report;
  }
  return null;
}

const isMatrix = (value: unknown, size: number): value is number[][] =>
  Array.isArray(value) &&
  value.length === size &&
  value.every(
    (row) => Array.isArray(row) && row.length === size && row.every((cell) => Number.isFinite(cell)),
  );

/** A report from a confusion matrix kept in `metadata.metrics.confusion`, when there is no report file. */
export function reportFromMetadata(
  summary: ModelSummary,
  metadata: Readonly<Record<string, unknown>> | null,
): EvaluationReport | null {
  const metrics = (metadata?.metrics ?? summary.metrics) as Record<string, unknown>;
  const labels = [...summary.labels];
  if (!isMatrix(metrics.confusion, labels.length)) return null;
  const confusion = metrics.confusion;
  const perClass = classMetrics(confusion, labels);
  return {
    format: 'glyph-evaluation-report',
    version: 1,
    createdAt: String(metadata?.createdAt ?? ''),
    model: { id: summary.id, name: summary.name, labels, input: summary.input },
    dataset: {
      spec: '',
      name: '',
      partition: { kind: 'whole-dataset', statement: 'From the model metadata.' },
      notes: [],
    },
    n: confusion.flat().reduce((sum, count) => sum + count, 0),
    accuracy: accuracyFromConfusion(confusion),
    macroAverage: macroAverage(perClass),
    weightedAverage: weightedAverage(perClass),
    labels,
    perClass,
    confusion,
    mostConfused: mostConfused(confusion, labels, { limit: 10 }),
    topLosses: [],
    timing: { evaluateMs: 0, imagesPerSecond: 0 },
  };
}

export async function loadModelDetails(summary: ModelSummary): Promise<ModelDetails> {
  const id = encodeURIComponent(summary.id);
  const metadata = await fetchJson<Record<string, unknown>>(
    modelFileUrl(summary.id, 'metadata.json'),
    'Loading metadata',
  ).catch(() => null);
  const report = await firstReport(
    [`/api/models/${id}/report`, modelFileUrl(summary.id, 'report.json')],
    summary.labels,
  );
  if (report) return { summary, metadata, report, reportSource: 'report' };
  const rebuilt = reportFromMetadata(summary, metadata);
  return { summary, metadata, report: rebuilt, reportSource: rebuilt ? 'metadata' : null };
}
