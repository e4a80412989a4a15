import { GlyphError } from '@glyph/core';
import { mulberry32 } from '@glyph/core/data';
import type { Font } from 'opentype.js';
import sharp from 'sharp';
import type { GlyphStyle } from './glyph-style';

/**
 * One character of `font` drawn in `style` as an 8-bit grayscale PNG (`style.sizePx` square, dark ink
 * on light paper). The font library supplies the glyph outline as an SVG path and librsvg (through
 * sharp) rasterizes it, so no system font lookup is involved: the same font file, character and style
 * give the same bytes on every machine with the same sharp build.
 */
export async function renderGlyphPng(font: Font, char: string, style: GlyphStyle): Promise<Buffer> {
  const svg = glyphSvg(font, char, style);
  let pipeline = sharp(Buffer.from(svg)).removeAlpha().greyscale();
  if (style.blurSigma >= 0.3) pipeline = pipeline.blur(style.blurSigma);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const pixels = info.channels === 1 ? data : firstChannel(data, info.channels);
  if (style.noiseSigma > 0) addGaussianNoise(pixels, style.noiseSigma, style.noiseSeed);
  // Without the explicit colour space, sharp writes one-channel raw pixels as an RGB PNG.
  return sharp(pixels, { raw: { width: info.width, height: info.height, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}

/** The SVG document `renderGlyphPng` rasterizes; exported so tests and debugging can look at it. */
export function glyphSvg(font: Font, char: string, style: GlyphStyle): string {
  const glyph = font.charToGlyph(char);
  const box = glyph.getPath(0, 0, style.fontSizePx).getBoundingBox();
  if (glyph.index === 0 || !(box.x2 > box.x1 && box.y2 > box.y1)) {
    const name = font.names.fullName?.en ?? font.names.fontFamily?.en ?? 'this font';
    throw new GlyphError(
      'DATASET_EMPTY',
      `${name} has no visible glyph for "${char}". Leave the character out of --chars or use fonts that cover it.`,
    );
  }
  const size = style.sizePx;
  const angle = (style.rotationDeg * Math.PI) / 180;
  const [width, height] = [box.x2 - box.x1 + 2 * style.emboldenPx, box.y2 - box.y1 + 2 * style.emboldenPx];
  // The box the glyph occupies once rotated, which must fit inside the margins.
  const turnedWidth = width * Math.abs(Math.cos(angle)) + height * Math.abs(Math.sin(angle));
  const turnedHeight = width * Math.abs(Math.sin(angle)) + height * Math.abs(Math.cos(angle));
  const room = Math.max(1, size - 2 * style.marginPx);
  const scale = Math.min(1, room / turnedWidth, room / turnedHeight);
  const centreX = size / 2 + (style.offsetX * Math.max(0, room - turnedWidth * scale)) / 2;
  const centreY = size / 2 + (style.offsetY * Math.max(0, room - turnedHeight * scale)) / 2;
  const path = glyph.getPath(
    centreX - ((box.x1 + box.x2) / 2) * scale,
    centreY - ((box.y1 + box.y2) / 2) * scale,
    style.fontSizePx * scale,
  );
  const ink = gray(style.inkGray);
  const stroke =
    style.emboldenPx > 0
      ? ` stroke="${ink}" stroke-width="${round(2 * style.emboldenPx * scale)}" stroke-linejoin="round"`
      : '';
  const shade = Math.PI * (style.shadeAngleDeg / 180);
  const [dx, dy] = [(Math.cos(shade) * size) / 2, (Math.sin(shade) * size) / 2];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<defs><linearGradient id="paper" gradientUnits="userSpaceOnUse" x1="${round(size / 2 - dx)}" ` +
    `y1="${round(size / 2 - dy)}" x2="${round(size / 2 + dx)}" y2="${round(size / 2 + dy)}">` +
    `<stop offset="0" stop-color="${gray(style.paperGray)}"/><stop offset="1" stop-color="${gray(style.shadeGray)}"/>` +
    `</linearGradient></defs>` +
    `<rect width="${size}" height="${size}" fill="url(#paper)"/>` +
    `<path d="${path.toPathData(2)}" fill="${ink}"${stroke} ` +
    `transform="rotate(${round(style.rotationDeg)} ${round(centreX)} ${round(centreY)})"/></svg>`
  );
}

function gray(value: number): string {
  const level = Math.max(0, Math.min(255, Math.round(value)));
  return `rgb(${level},${level},${level})`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function firstChannel(data: Buffer, channels: number): Buffer {
  const out = Buffer.alloc(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels];
  return out;
}

/** Box–Muller noise from a seeded source, clamped to 0–255, in place. */
function addGaussianNoise(pixels: Buffer, sigma: number, seed: number): void {
  const random = mulberry32(seed);
  for (let i = 0; i < pixels.length; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    pixels[i] = Math.max(0, Math.min(255, Math.round(pixels[i] + sigma * normal)));
  }
}
