import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { confusionChartSpec } from '@glyph/core/metrics';
import { renderChartSvg, svgSize } from './render-chart-svg';
import { svgToPng } from './render-confusion-png';
import { fixtureImages, fixtureReport } from '../testing';
import { renderTopLossesPng, topLossesGrid } from './render-top-losses-png';
import { writeEvaluationReport } from './write-report';

describe('report PNGs', () => {
  it('rasterises the confusion chart at twice its SVG size', async () => {
    const svg = await renderChartSvg(confusionChartSpec(fixtureReport()));
    const { width, height } = svgSize(svg);
    expect(width).toBeGreaterThan(120);
    const meta = await sharp(await svgToPng(svg)).metadata();
    expect(meta).toMatchObject({ format: 'png', width: width * 2, height: height * 2 });
  });

  it('draws the top losses as a grid of the planned size with the images in it', async () => {
    const report = fixtureReport();
    const data = fixtureImages(12, ['0', '1', '2']);
    const png = await renderTopLossesPng(report, data);
    const grid = topLossesGrid(5, 28, 28);
    expect(grid).toMatchObject({ columns: 5, rows: 1, tileWidth: 112, tileHeight: 112 + 48 });
    const { data: pixels, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([grid.width, grid.height]);
    // Top loss 1 is sample 3 (ink bar on row 3): its tile's image area holds black and white pixels.
    const first = report.topLosses[0];
    expect(first.index).toBe(3);
    const at = (x: number, y: number) => pixels[(y * info.width + x) * info.channels];
    expect(at(8 + 56, 8 + 3 * 4 + 1)).toBe(255);
    expect(at(8 + 56, 8 + 20 * 4)).toBe(0);
  });

  it('writes report.json, report.html, confusion.png and top-losses.png', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glyph-report-'));
    try {
      const report = fixtureReport();
      await writeEvaluationReport(dir, report, { data: fixtureImages(12, ['0', '1', '2']) });
      expect((await readdir(dir)).sort()).toEqual([
        'confusion.png',
        'report.html',
        'report.json',
        'top-losses.png',
      ]);
      expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'))).toEqual(report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
