import type { EvaluationReport, VegaLiteSpec } from '@glyph/core/metrics';
import { escapeXml as esc, jsonForScript } from './escape';
import { classRatioCells, percent } from './format-columns';
import { reportCss } from './report-css';
import { sampleName } from './sample-name';

export interface HtmlReportParts {
  readonly report: EvaluationReport;
  /** Charts already rendered to SVG, in display order, with the Vega-Lite specs they came from. */
  readonly charts: readonly { readonly id: string; readonly svg: string; readonly spec: VegaLiteSpec }[];
  /** PNG data URLs of the top-loss images, aligned with `report.topLosses` (optional). */
  readonly topLossImages?: readonly string[];
}

/**
 * `report.html`: one self-contained page (inline CSS, inline SVG charts, images as data URLs, no
 * script to run, nothing fetched). The report JSON and the Vega-Lite specs are embedded as
 * `application/json` blocks so tools can re-read or re-draw them.
 */
export function renderReportHtml(parts: HtmlReportParts): string {
  const { report } = parts;
  const title = `Evaluation of ${report.model.id} on ${report.dataset.spec}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${reportCss}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${partitionBox(report)}
${notes(report)}
${summaryTable(report)}
${parts.charts.map((c) => `<figure id="${esc(c.id)}">${c.svg}</figure>`).join('\n')}
${perClassTable(report)}
${mistakesSection(report, parts.topLossImages)}
<p class="help">Rows of the confusion matrix are true classes, columns predictions; see docs/evaluation.md for what each number means.</p>
</main>
<script type="application/json" id="glyph-report">${jsonForScript(report)}</script>
<script type="application/json" id="glyph-charts">${jsonForScript(Object.fromEntries(parts.charts.map((c) => [c.id, c.spec])))}</script>
</body>
</html>
`;
}

function partitionBox(report: EvaluationReport): string {
  const { partition } = report.dataset;
  const holdout = partition.kind === 'holdout';
  const heading = holdout ? '<strong>Held-out partition, not the official test split.</strong> ' : '';
  return `<p class="partition${holdout ? ' holdout' : ''}" role="note">${heading}${esc(partition.statement)}</p>`;
}

function summaryTable(report: EvaluationReport): string {
  const { model, dataset, timing } = report;
  const rows: [string, string][] = [
    ['Accuracy', `<span class="big">${percent(report.accuracy)}</span> of ${report.n} images`],
    ['Macro average', esc(averages(report.macroAverage))],
    ['Weighted average', esc(averages(report.weightedAverage))],
    ['Model', esc(`${model.id} — ${model.name}${model.source ? ` (${model.source})` : ''}`)],
    [
      'Input',
      esc(
        `${model.input.width}×${model.input.height}×${model.input.channels}, ${model.labels.length} classes`,
      ),
    ],
    ['Dataset', esc(`${dataset.spec} (${dataset.name})`)],
    ...(dataset.sha256
      ? [['Dataset sha256', `<code>${esc(dataset.sha256)}</code>`] as [string, string]]
      : []),
    [
      'Speed',
      esc(
        `${Math.round(timing.imagesPerSecond)} images/s${timing.backend ? ` on ${timing.backend}` : ''}, ${(timing.evaluateMs / 1000).toFixed(2)} s`,
      ),
    ],
    ['Created', esc(report.createdAt)],
  ];
  return `<table class="summary">${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</table>`;
}

function averages(a: { precision: number; recall: number; f1: number }): string {
  return `precision ${percent(a.precision)} · recall ${percent(a.recall)} · F1 ${percent(a.f1)}`;
}

function perClassTable(report: EvaluationReport): string {
  const rows = report.perClass
    .map(
      (c) =>
        `<tr><th scope="row">${esc(c.label)}</th>${classRatioCells(c)
          .map((cell) => `<td>${cell}</td>`)
          .join('')}<td>${c.support}</td><td>${c.predicted}</td></tr>`,
    )
    .join('');
  return `<h2>Per class</h2>
<table class="numbers"><thead><tr><th scope="col">class</th><th scope="col">precision</th><th scope="col">recall</th><th scope="col">F1</th><th scope="col">support</th><th scope="col">predicted</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function mistakesSection(report: EvaluationReport, images: readonly string[] | undefined): string {
  const pairs = report.mostConfused
    .map((p) => `<tr><td>${esc(p.actual)}</td><td>${esc(p.predicted)}</td><td>${p.count}</td></tr>`)
    .join('');
  const confused =
    report.mostConfused.length === 0
      ? '<p>No mistakes.</p>'
      : `<table class="numbers"><thead><tr><th scope="col">true</th><th scope="col">predicted</th><th scope="col">count</th></tr></thead><tbody>${pairs}</tbody></table>`;
  const losses = report.topLosses
    .map((t, i) => {
      const alt = `sample ${sampleName(t)}: true ${t.actual}, predicted ${t.predicted}`;
      const image = images?.[i] ? `<img src="${images[i]}" alt="${esc(alt)}">` : '';
      return `<figure class="loss">${image}<figcaption><b>${esc(t.actual)} → ${esc(t.predicted)}</b><br>${percent(t.confidence, 1)} · loss ${t.loss.toFixed(2)}<br>${esc(sampleName(t))}</figcaption></figure>`;
    })
    .join('');
  return `<h2>Most-confused pairs</h2>${confused}
<h2>Top losses</h2><p>The samples the model was most wrong about (true → predicted, confidence of the prediction, sample index).</p><div class="losses">${losses}</div>`;
}

function notes(report: EvaluationReport): string {
  if (report.dataset.notes.length === 0) return '';
  return `<ul class="notes">${report.dataset.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
}
