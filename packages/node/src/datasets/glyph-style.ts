/**
 * How one printed glyph is drawn: a plain record, sampled from a seeded random source so a dataset
 * can be rendered again byte for byte. Sizes are in output pixels, grays in 0 (black)–255 (white).
 */
export interface GlyphStyle {
  /** Side of the square image. */
  readonly sizePx: number;
  /** Em size; shrunk at render time if the glyph would not fit inside the margin. */
  readonly fontSizePx: number;
  /** Smallest gap kept between the glyph's box and the image edge. */
  readonly marginPx: number;
  /** Where the glyph sits in the room the margin leaves: -1 = left/top, 0 = centre, 1 = right/bottom. */
  readonly offsetX: number;
  readonly offsetY: number;
  /** Clockwise, about the glyph's centre. */
  readonly rotationDeg: number;
  /** Ink added around the outline on each side (a heavier print or ink spread). */
  readonly emboldenPx: number;
  readonly inkGray: number;
  readonly paperGray: number;
  /** Uneven light as in a photo: the paper darkens to `shadeGray` across the image at `shadeAngleDeg`. */
  readonly shadeGray: number;
  readonly shadeAngleDeg: number;
  /** Gaussian blur σ in pixels (0 = sharp). */
  readonly blurSigma: number;
  /** Standard deviation of additive Gaussian pixel noise (0 = none), drawn from `noiseSeed`. */
  readonly noiseSigma: number;
  readonly noiseSeed: number;
}

export interface GlyphStyleOptions {
  /** Side of the square image; default 64. */
  readonly sizePx?: number;
  /** Fraction of samples drawn like a photo of paper (shade, blur, noise); default 0.5. */
  readonly photoFraction?: number;
}

/** A random style from `random` (e.g. `mulberry32(seed)`): every draw is made, in a fixed order. */
export function sampleGlyphStyle(random: () => number, options: GlyphStyleOptions = {}): GlyphStyle {
  const sizePx = options.sizePx ?? 64;
  const photoFraction = options.photoFraction ?? 0.5;
  const between = (low: number, high: number) => low + (high - low) * random();
  const fontSizePx = sizePx * between(0.55, 1.0);
  const marginPx = sizePx * between(0.06, 0.2);
  const offsetX = between(-1, 1);
  const offsetY = between(-1, 1);
  const rotationDeg = between(-5, 5);
  // Most prints keep the face's own weight; some spread a little.
  const emboldenPx = random() < 0.3 ? between(0, 0.02) * fontSizePx : 0;
  const inkGray = Math.round(between(0, 90));
  const paperGray = Math.round(between(200, 255));
  const photo = random() < photoFraction;
  const shade = between(0, 60);
  const shadeAngleDeg = between(0, 360);
  const blur = between(0.3, 1.2);
  const noise = between(0, 12);
  const noiseSeed = Math.floor(random() * 2 ** 32);
  return {
    sizePx,
    fontSizePx,
    marginPx,
    offsetX,
    offsetY,
    rotationDeg,
    emboldenPx,
    inkGray,
    paperGray,
    shadeGray: photo ? Math.max(inkGray + 80, Math.round(paperGray - shade)) : paperGray,
    shadeAngleDeg,
    blurSigma: photo ? blur : 0,
    noiseSigma: photo ? noise : 0,
    noiseSeed,
  };
}
