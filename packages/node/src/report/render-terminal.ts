import type { EvaluationReport } from '@glyph/core/metrics';
import { classRatioCells, formatColumns, percent } from './format-columns';
import { sampleName } from './sample-name';

export interface TerminalReportOptions {
  /** Print the confusion matrix when there are at most this many classes (default 12). */
  readonly maxConfusionClasses?: number;
  /** How many most-confused pairs and top losses to list (default 10 and 5). */
  readonly maxPairs?: number;
  readonly maxTopLosses?: number;
}

/** The evaluation report as plain terminal text: summary, per-class table, mistakes. */
export function renderTerminalReport(report: EvaluationReport, options: TerminalReportOptions = {}): string {
  const sections = [
    summary(report),
    perClassTable(report),
    report.labels.length <= (options.maxConfusionClasses ?? 12) ? confusionTable(report) : '',
    mistakes(report, options.maxPairs ?? 10, options.maxTopLosses ?? 5),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function summary(report: EvaluationReport): string {
  const { model, dataset, timing } = report;
  const correct = report.perClass.reduce((sum, c) => sum + (report.confusion[c.index]?.[c.index] ?? 0), 0);
  const speed = `${Math.round(timing.imagesPerSecond)} images/s${timing.backend ? ` on ${timing.backend}` : ''} (${(timing.evaluateMs / 1000).toFixed(1)} s)`;
  const rows = [
    ['Model', `${model.id} (${model.name})${model.source ? ` · ${model.source}` : ''}`],
    [
      'Dataset',
      `${dataset.spec} · ${report.n} images${dataset.sha256 ? ` · sha256 ${dataset.sha256.slice(0, 12)}…` : ''}`,
    ],
    ['Accuracy', `${percent(report.accuracy)} (${correct}/${report.n})`],
    ['Macro avg', averages(report.macroAverage)],
    ['Weighted avg', averages(report.weightedAverage)],
    ...(report.calibration ? [['Calibration', calibrationLine(report.calibration)]] : []),
    ['Speed', speed],
  ];
  const heldOut =
    dataset.partition.kind === 'holdout' ? 'HELD-OUT PARTITION, NOT THE OFFICIAL TEST SPLIT: ' : '';
  const notes = dataset.notes.map((note) => `Note: ${note}`);
  return [formatColumns(rows), `${heldOut}${dataset.partition.statement}`, ...notes].join('\n');
}

function calibrationLine(c: NonNullable<EvaluationReport['calibration']>): string {
  const raw = `ECE ${percent(c.ece)} (${c.bins} bins)`;
  return c.calibratedEce === undefined
    ? `${raw}, no calibration.json`
    : `${raw} -> ${percent(c.calibratedEce)} calibrated (temperature ${c.temperature?.toFixed(3)})`;
}

function averages(a: { precision: number; recall: number; f1: number }): string {
  return `precision ${percent(a.precision)}  recall ${percent(a.recall)}  F1 ${percent(a.f1)}`;
}

function perClassTable(report: EvaluationReport): string {
  const header = ['class', 'precision', 'recall', 'F1', 'support', 'predicted'];
  const rows = report.perClass.map((c) => [
    c.label,
    ...classRatioCells(c),
    String(c.support),
    String(c.predicted),
  ]);
  return formatColumns([header, ...rows], ['left', 'right', 'right', 'right', 'right', 'right']);
}

function confusionTable(report: EvaluationReport): string {
  const header = ['true \\ predicted', ...report.labels];
  const rows = report.confusion.map((row, t) => [report.labels[t], ...row.map(String)]);
  return `Confusion matrix (rows: true class, columns: predicted)\n${formatColumns([header, ...rows], ['left', ...report.labels.map(() => 'right' as const)])}`;
}

function mistakes(report: EvaluationReport, maxPairs: number, maxTopLosses: number): string {
  if (report.mostConfused.length === 0) return 'No mistakes.';
  const pairs = report.mostConfused
    .slice(0, maxPairs)
    .map((p) => [`${p.actual} → ${p.predicted}`, String(p.count)]);
  const losses = report.topLosses
    .slice(0, maxTopLosses)
    .map((t) => [
      sampleName(t),
      `true ${t.actual}`,
      `predicted ${t.predicted}`,
      percent(t.confidence, 1),
      `loss ${t.loss.toFixed(2)}`,
    ]);
  return [
    'Most confused (true → predicted, count)',
    formatColumns(pairs, ['left', 'right']),
    '',
    'Top losses (sample or file, true, predicted, confidence, loss)',
    formatColumns(losses, ['left', 'left', 'left', 'right', 'right']),
  ].join('\n');
}
