// Numbers written in a line from labelled digit images: random sizes, gaps, baseline wobble and
// slight overlaps (so some digits touch). The sequence measurement reads lines of MNIST test digits;
// the sequence scorer's lattices and the digits model's line pieces are cut from training digits.
import { imageAt, type LabeledImages } from '../data/labeled-images';
import type { RawImage } from '../image/raw-image';
import type { PixelBox } from '../preprocess/planes';
import {
  blankCanvas,
  cropDigit,
  randomStrokeStyle,
  stamp,
  strokeDigit,
  toDarkOnWhite,
  upscale,
} from './canvas-render';

export interface WrittenNumber {
  readonly image: RawImage;
  readonly text: string;
  /** Whether any two neighbouring digits' boxes overlap horizontally. */
  readonly overlapping: boolean;
  /** Where each digit was drawn, left to right, in image pixels. */
  readonly boxes: readonly PixelBox[];
}

/**
 * How digits are drawn: `varied` redraws each line's strokes with one random pen (thin, as written,
 * or a fat marker; see `randomStrokeStyle`), `as-written` scales MNIST's own gray strokes.
 */
export type StrokeKind = 'varied' | 'as-written';

/** Writes `length` random digits of `digits` side by side as one dark-on-white line. */
export function writeNumber(
  digits: LabeledImages,
  length: number,
  random: () => number,
  strokes: StrokeKind = 'varied',
): WrittenNumber {
  const unit = 60 + random() * 50;
  const style = strokes === 'varied' ? randomStrokeStyle(random, unit) : undefined;
  const glyphs = Array.from({ length }, () => {
    const index = Math.floor(random() * digits.count);
    const crop = cropDigit(imageAt(digits, index));
    const scale = (unit / 20) * (0.85 + random() * 0.3);
    const width = Math.max(1, Math.round(crop.width * scale));
    const height = Math.max(1, Math.round(crop.height * scale));
    const glyph = style ? strokeDigit(crop, width, height, style) : upscale(crop, width, height);
    return {
      glyph,
      label: digits.classNames[digits.labels[index]],
      gap: unit * (-0.08 + random() * 0.48),
      rise: unit * (random() - 0.5) * 0.16,
    };
  });
  const margin = Math.round(unit * 0.3);
  const width =
    margin * 2 + glyphs.reduce((sum, g, i) => sum + g.glyph.width + (i > 0 ? Math.round(g.gap) : 0), 0);
  const tallest = Math.max(...glyphs.map((g) => g.glyph.height));
  const canvas = blankCanvas(Math.max(width, margin * 2 + 1), Math.round(tallest * 1.3) + margin * 2);
  let x = margin;
  let overlapping = false;
  const boxes: PixelBox[] = [];
  glyphs.forEach((g, i) => {
    if (i > 0) x += Math.round(g.gap);
    if (i > 0 && g.gap < 0) overlapping = true;
    const top = Math.round(margin + tallest * 0.15 + (tallest - g.glyph.height) / 2 + g.rise);
    stamp(canvas, g.glyph, x, top);
    boxes.push({ x, y: top, width: g.glyph.width, height: g.glyph.height });
    x += g.glyph.width;
  });
  const image = {
    data: toDarkOnWhite(canvas),
    width: canvas.width,
    height: canvas.height,
    channels: 1 as const,
  };
  return { image, text: glyphs.map((g) => g.label).join(''), overlapping, boxes };
}
