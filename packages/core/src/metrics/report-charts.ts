import type { EvaluationReport } from './evaluation-report';

/** A Vega-Lite specification as plain JSON (compile with `vega-lite`, draw with `vega`/`vega-embed`). */
export type VegaLiteSpec = Record<string, unknown>;

// Text labels inside cells stay readable only for small matrices.
const maxClassesWithCellText = 15;

/** Side of one confusion-matrix cell in px: large for 10 classes, small enough for 62 to fit ~640 px. */
export function confusionCellSize(numClasses: number): number {
  return Math.max(10, Math.min(40, Math.floor(640 / Math.max(1, numClasses))));
}

/**
 * Confusion matrix heat map: rows true class, columns predicted, colour the fraction of the true
 * class's samples (so rare and frequent classes read alike), on a square-root scale so one-in-a-
 * hundred mistakes still show beside a 99% diagonal. Empty cells are left out.
 */
export function confusionChartSpec(report: EvaluationReport): VegaLiteSpec {
  const labels = [...report.labels];
  const values = report.confusion.flatMap((row, t) => {
    const support = row.reduce((a, b) => a + b, 0);
    return row.flatMap((count, p) =>
      count === 0
        ? []
        : [
            {
              actual: labels[t],
              predicted: labels[p],
              count,
              fraction: count / support,
              // Screen readers (and the hover title of the static SVG) read this sentence.
              description: `true ${labels[t]}, predicted ${labels[p]}: ${count} (${((100 * count) / support).toFixed(2)}% of true ${labels[t]})`,
            },
          ],
    );
  });
  const side = confusionCellSize(labels.length) * labels.length;
  const axis = { labelAngle: 0, labelFontSize: labels.length > 30 ? 8 : 11 };
  const heat = {
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: {
        field: 'predicted',
        type: 'ordinal',
        sort: labels,
        scale: { domain: labels },
        axis,
        title: 'predicted',
      },
      y: {
        field: 'actual',
        type: 'ordinal',
        sort: labels,
        scale: { domain: labels },
        axis,
        title: 'true class',
      },
      color: {
        field: 'fraction',
        type: 'quantitative',
        scale: { type: 'sqrt', scheme: 'blues', domain: [0, 1] },
        legend: { title: 'share of true class', format: '.0%' },
      },
      description: { field: 'description' },
      tooltip: [
        { field: 'actual', title: 'true' },
        { field: 'predicted', title: 'predicted' },
        { field: 'count', title: 'count' },
        { field: 'fraction', title: 'share of true class', format: '.2%' },
      ],
    },
  };
  const text = {
    mark: { type: 'text', fontSize: 10 },
    encoding: {
      x: { field: 'predicted', type: 'ordinal', sort: labels },
      y: { field: 'actual', type: 'ordinal', sort: labels },
      text: { field: 'count', type: 'quantitative' },
      color: { condition: { test: 'datum.fraction > 0.5', value: 'white' }, value: 'black' },
    },
  };
  return {
    title: `Confusion matrix (${report.n} samples)`,
    width: side,
    height: side,
    data: { values },
    layer: labels.length <= maxClassesWithCellText ? [heat, text] : [heat],
  };
}

/** Precision, recall and F1 per class as grouped bars, in label order. */
export function perClassChartSpec(report: EvaluationReport): VegaLiteSpec {
  const values = report.perClass.flatMap((c) => [
    { label: c.label, metric: 'precision', value: c.precision, support: c.support },
    { label: c.label, metric: 'recall', value: c.recall, support: c.support },
    { label: c.label, metric: 'F1', value: c.f1, support: c.support },
  ]);
  const labels = [...report.labels];
  return {
    title: 'Per-class precision, recall and F1',
    width: Math.max(320, labels.length * 24),
    height: 220,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: labels, title: 'class', axis: { labelAngle: 0 } },
      xOffset: { field: 'metric', sort: ['precision', 'recall', 'F1'] },
      y: {
        field: 'value',
        type: 'quantitative',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
        title: null,
      },
      color: { field: 'metric', sort: ['precision', 'recall', 'F1'], title: null },
      tooltip: [
        { field: 'label', title: 'class' },
        { field: 'metric' },
        { field: 'value', format: '.2%' },
        { field: 'support' },
      ],
    },
  };
}

/** The most frequent mistakes as horizontal bars, "true → predicted". */
export function mostConfusedChartSpec(report: EvaluationReport): VegaLiteSpec {
  const values = report.mostConfused.map((p) => ({ pair: `${p.actual} → ${p.predicted}`, count: p.count }));
  return {
    title: 'Most-confused pairs (true → predicted)',
    width: 360,
    height: { step: 18 },
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'pair', type: 'nominal', sort: null, title: null },
      x: { field: 'count', type: 'quantitative', title: 'mistakes', axis: { tickMinStep: 1 } },
    },
  };
}
