import sharp from 'sharp';
import { svgSize } from './render-chart-svg';

/**
 * Rasterises a chart SVG (the confusion matrix) to PNG at `scale`× its CSS pixel size, so the PNG
 * and the chart in `report.html` are the same drawing.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { width, height } = svgSize(svg);
  return sharp(Buffer.from(svg), { density: 72 * scale })
    .resize(Math.round(width * scale), Math.round(height * scale), { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
}
