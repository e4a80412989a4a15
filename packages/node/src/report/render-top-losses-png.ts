import sharp from 'sharp';
import type { LabeledImages } from '@glyph/core/data';
import type { EvaluationReport } from '@glyph/core/metrics';
import { imageTilePng, tileScale } from './image-tiles';
import { escapeXml } from './escape';
import { sampleName } from './sample-name';

export interface TopLossesGrid {
  readonly columns: number;
  readonly rows: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
  /** Height of the caption under each tile. */
  readonly captionHeight: number;
  readonly width: number;
  readonly height: number;
}

const gapPx = 8;
const captionPx = 48;
const minTileWidthPx = 112;

/** Size and arrangement of the grid for `count` images of `width`×`height` (at most `maxColumns` wide). */
export function topLossesGrid(count: number, width: number, height: number, maxColumns = 8): TopLossesGrid {
  const scale = tileScale(width, height);
  const imageWidth = Math.round(width * scale);
  const tileWidth = Math.max(minTileWidthPx, imageWidth);
  const tileHeight = Math.round(height * scale) + captionPx;
  const columns = Math.max(1, Math.min(maxColumns, count));
  const rows = Math.max(1, Math.ceil(count / columns));
  return {
    columns,
    rows,
    tileWidth,
    tileHeight,
    captionHeight: captionPx,
    width: gapPx + columns * (tileWidth + gapPx),
    height: gapPx + rows * (tileHeight + gapPx),
  };
}

/**
 * `top-losses.png`: the worst samples as a grid, each image above "true → predicted", the
 * confidence of the prediction and the sample's file (or index). `data` is the evaluated split.
 */
export async function renderTopLossesPng(report: EvaluationReport, data: LabeledImages): Promise<Buffer> {
  const losses = report.topLosses;
  const grid = topLossesGrid(losses.length, data.width, data.height);
  const imageHeight = grid.tileHeight - grid.captionHeight;
  const tiles = await Promise.all(losses.map((loss) => imageTilePng(data, loss.index)));
  const origins = losses.map((_, i) => ({
    left: gapPx + (i % grid.columns) * (grid.tileWidth + gapPx),
    top: gapPx + Math.floor(i / grid.columns) * (grid.tileHeight + gapPx),
  }));
  const images = await Promise.all(
    tiles.map(async (input, i) => {
      const { width = 0 } = await sharp(input).metadata();
      return { input, left: origins[i].left + Math.floor((grid.tileWidth - width) / 2), top: origins[i].top };
    }),
  );
  const captions = losses
    .map((loss, i) => {
      const x = origins[i].left + grid.tileWidth / 2;
      const y = origins[i].top + imageHeight;
      const lines = [
        `${loss.actual} → ${loss.predicted}`,
        `${(loss.confidence * 100).toFixed(1)}%`,
        sampleName(loss, 24),
      ];
      return lines
        .map(
          (line, k) =>
            `<text x="${x}" y="${y + 15 + k * 15}" font-weight="${k === 0 ? 'bold' : 'normal'}">${escapeXml(line)}</text>`,
        )
        .join('');
    })
    .join('');
  const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${grid.width}" height="${grid.height}"><g font-family="sans-serif" font-size="13" text-anchor="middle" fill="#222">${captions}</g></svg>`;
  return sharp({ create: { width: grid.width, height: grid.height, channels: 3, background: '#ffffff' } })
    .composite([...images, { input: Buffer.from(overlay), left: 0, top: 0 }])
    .png()
    .toBuffer();
}
