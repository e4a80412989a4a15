import sharp from 'sharp';
import type { LabeledImages } from '@glyph/core';
import { imageAt } from '@glyph/core/data';

export interface ContactSheetOptions {
  /** Samples per class row (default 12). */
  samplesPerClass?: number;
  /** Integer magnification (default: about 56 px per image, 28 px when there are many classes). */
  scale?: number;
}

const gapPx = 2;
const backgroundGray = 96;
const fontPx = 14;

/**
 * A PNG with one row per class: the class name, then up to `samplesPerClass` of its images spread
 * evenly over the set, magnified with nearest-neighbour so pixels stay honest. For a person to look
 * at the data (orientation, polarity, label sanity), not for training.
 */
export async function renderContactSheet(
  set: LabeledImages,
  options: ContactSheetOptions = {},
): Promise<Buffer> {
  const samples = options.samplesPerClass ?? 12;
  const cellTarget = set.classNames.length > 30 ? 28 : 56;
  const scale = options.scale ?? Math.max(1, Math.floor(cellTarget / Math.max(set.width, set.height)));
  const cellWidth = set.width * scale;
  const cellHeight = set.height * scale;
  const labelWidth = 16 + Math.min(24, Math.max(...set.classNames.map((name) => name.length), 1)) * 9;
  const titleHeight = fontPx + 10;
  const width = labelWidth + samples * (cellWidth + gapPx) + gapPx;
  const height = titleHeight + set.classNames.length * (cellHeight + gapPx) + gapPx;
  const canvas = new Uint8Array(width * height * 3).fill(backgroundGray);
  const picks = samplesByClass(set, samples);
  picks.forEach((indices, row) => {
    const top = titleHeight + gapPx + row * (cellHeight + gapPx);
    indices.forEach((index, column) => {
      const left = labelWidth + gapPx + column * (cellWidth + gapPx);
      paste(canvas, width, imageAt(set, index), set, scale, left, top);
    });
  });
  const labels = set.classNames.map((name, row) => {
    const y = titleHeight + gapPx + row * (cellHeight + gapPx) + cellHeight / 2 + fontPx / 3;
    return `<text x="8" y="${y}">${escapeXml(name.slice(0, 24))}</text>`;
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<g font-family="DejaVu Sans, Arial, sans-serif" font-size="${fontPx}" fill="#ffffff">` +
    `<text x="8" y="${fontPx + 3}">${escapeXml(`${set.name} (${set.count} images)`)}</text>${labels.join('')}</g></svg>`;
  return sharp(canvas, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png()
    .toBuffer();
}

/** Up to `samples` indices per class, spread evenly over that class's images in set order. */
function samplesByClass(set: LabeledImages, samples: number): number[][] {
  const members: number[][] = set.classNames.map(() => []);
  for (let i = 0; i < set.count; i++) members[set.labels[i]].push(i);
  return members.map((indices) => {
    const step = Math.max(1, indices.length / samples);
    return Array.from({ length: Math.min(samples, indices.length) }, (_, i) => indices[Math.floor(i * step)]);
  });
}

function paste(
  canvas: Uint8Array,
  canvasWidth: number,
  pixels: Uint8Array,
  set: LabeledImages,
  scale: number,
  left: number,
  top: number,
): void {
  for (let y = 0; y < set.height * scale; y++) {
    const sourceRow = Math.floor(y / scale) * set.width;
    for (let x = 0; x < set.width * scale; x++) {
      const source = (sourceRow + Math.floor(x / scale)) * set.channels;
      const target = ((top + y) * canvasWidth + left + x) * 3;
      for (let c = 0; c < 3; c++) canvas[target + c] = pixels[source + (set.channels === 3 ? c : 0)];
    }
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
