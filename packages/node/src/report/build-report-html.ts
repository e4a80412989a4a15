import type { LabeledImages } from '@glyph/core/data';
import {
  confusionChartSpec,
  mostConfusedChartSpec,
  perClassChartSpec,
  type EvaluationReport,
  type VegaLiteSpec,
} from '@glyph/core/metrics';
import { imageTilePng } from './image-tiles';
import { renderChartSvg } from './render-chart-svg';
import { renderReportHtml } from './render-html';

export interface RenderedCharts {
  readonly confusion: { readonly svg: string; readonly spec: VegaLiteSpec };
  readonly perClass: { readonly svg: string; readonly spec: VegaLiteSpec };
  readonly mostConfused?: { readonly svg: string; readonly spec: VegaLiteSpec };
}

/** Renders the report's Vega-Lite charts to SVG (most-confused only when there are mistakes). */
export async function renderReportCharts(report: EvaluationReport): Promise<RenderedCharts> {
  const render = async (spec: VegaLiteSpec) => ({ spec, svg: await renderChartSvg(spec) });
  const [confusion, perClass, mostConfused] = await Promise.all([
    render(confusionChartSpec(report)),
    render(perClassChartSpec(report)),
    report.mostConfused.length > 0 ? render(mostConfusedChartSpec(report)) : undefined,
  ]);
  return { confusion, perClass, ...(mostConfused ? { mostConfused } : {}) };
}

/**
 * The complete `report.html` string. With the evaluated `data`, top losses show their images.
 * Pass `charts` when they are already rendered (the confusion PNG reuses the same SVG).
 */
export async function buildReportHtml(
  report: EvaluationReport,
  options: { data?: LabeledImages; charts?: RenderedCharts } = {},
): Promise<string> {
  const charts = options.charts ?? (await renderReportCharts(report));
  const data = options.data;
  const topLossImages =
    data === undefined
      ? undefined
      : await Promise.all(
          report.topLosses.map(
            async (t) => `data:image/png;base64,${(await imageTilePng(data, t.index)).toString('base64')}`,
          ),
        );
  return renderReportHtml({
    report,
    charts: [
      { id: 'confusion', ...charts.confusion },
      { id: 'per-class', ...charts.perClass },
      ...(charts.mostConfused ? [{ id: 'most-confused', ...charts.mostConfused }] : []),
    ],
    topLossImages,
  });
}
