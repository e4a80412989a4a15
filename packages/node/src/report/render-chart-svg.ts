import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from '@glyph/core/metrics';

// One look for every chart; `sans-serif` resolves through fontconfig when sharp rasterises the SVG.
const chartConfig = { font: 'sans-serif', background: 'white', view: { stroke: null } };

/**
 * Compiles a Vega-Lite spec and renders it to a standalone SVG string in Node (no browser, no
 * canvas). Marks that carry a tooltip get an SVG `<title>`, so hovering works without any script.
 */
export async function renderChartSvg(spec: VegaLiteSpec): Promise<string> {
  const vegaSpec = compile({ ...spec, config: chartConfig } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    return addHoverTitles(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega writes each mark's description into `aria-label` (for screen readers); browsers show an SVG
 * `<title>` child on hover, so copy the (already XML-escaped) label into one.
 */
export function addHoverTitles(svg: string): string {
  return svg.replace(
    /<(path|rect|circle|text)(\s[^>]*?aria-label="([^"]*)"[^>]*?role="graphics-symbol"[^>]*?)\/>/g,
    (_match, tag: string, attributes: string, label: string) =>
      `<${tag}${attributes}><title>${label}</title></${tag}>`,
  );
}

/** Width and height of a rendered SVG in px, from its root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return { width, height };
}
