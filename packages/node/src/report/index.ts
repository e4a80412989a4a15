export { buildReportHtml, renderReportCharts, type RenderedCharts } from './build-report-html';
export { classRatioCells, formatColumns, percent, type Alignment } from './format-columns';
export { imageTilePng, tileScale } from './image-tiles';
export { addHoverTitles, renderChartSvg, svgSize } from './render-chart-svg';
export { svgToPng } from './render-confusion-png';
export { renderReportHtml, type HtmlReportParts } from './render-html';
export { renderTerminalReport, type TerminalReportOptions } from './render-terminal';
export { renderTopLossesPng, topLossesGrid, type TopLossesGrid } from './render-top-losses-png';
export { writeEvaluationReport, type WrittenReport } from './write-report';
