import type { ImageShape } from './augmenter';

/**
 * Maps a target pixel (x, y) to the source position (a·x + b·y + tx, c·x + d·y + ty): the INVERSE
 * of the visible transform, so every target pixel is sampled exactly once.
 */
export interface InverseAffine {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly tx: number;
  readonly ty: number;
}

export interface ForwardTransform {
  /** Counter-clockwise rotation in radians. */
  readonly rotation: number;
  /** Horizontal shear factor (x += shear·y). */
  readonly shear: number;
  readonly zoomX: number;
  readonly zoomY: number;
  /** Shift in pixels after the other transforms. */
  readonly translateX: number;
  readonly translateY: number;
}

/**
 * The inverse mapping of: shear, zoom, rotate (all about the image centre), then translate.
 */
export function inverseAffine(transform: ForwardTransform, shape: ImageShape): InverseAffine {
  const cos = Math.cos(transform.rotation);
  const sin = Math.sin(transform.rotation);
  // Forward linear part M = R · Z · S.
  const m00 = cos * transform.zoomX;
  const m01 = cos * transform.zoomX * transform.shear - sin * transform.zoomY;
  const m10 = sin * transform.zoomX;
  const m11 = sin * transform.zoomX * transform.shear + cos * transform.zoomY;
  const determinant = m00 * m11 - m01 * m10;
  const a = m11 / determinant;
  const b = -m01 / determinant;
  const c = -m10 / determinant;
  const d = m00 / determinant;
  const centreX = (shape.width - 1) / 2;
  const centreY = (shape.height - 1) / 2;
  // source = M⁻¹ (target − centre − t) + centre
  const offsetX = -centreX - transform.translateX;
  const offsetY = -centreY - transform.translateY;
  return {
    a,
    b,
    c,
    d,
    tx: a * offsetX + b * offsetY + centreX,
    ty: c * offsetX + d * offsetY + centreY,
  };
}

/**
 * Bilinear resampling of `source` (uint8) through `inverse` into `target` (float32 in [0,1]).
 * Positions outside the source read `fill` (0..255) or, when `fill` is 'edge', the nearest edge pixel.
 */
export function affineWarp(
  source: Uint8Array,
  target: Float32Array,
  shape: ImageShape,
  inverse: InverseAffine,
  fill: number | 'edge',
): void {
  const { width, height, channels } = shape;
  const sample = (x: number, y: number, channel: number): number => {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      if (fill !== 'edge') return fill;
      x = Math.min(width - 1, Math.max(0, x));
      y = Math.min(height - 1, Math.max(0, y));
    }
    return source[(y * width + x) * channels + channel];
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = inverse.a * x + inverse.b * y + inverse.tx;
      const sy = inverse.c * x + inverse.d * y + inverse.ty;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let channel = 0; channel < channels; channel++) {
        const top = sample(x0, y0, channel) * (1 - fx) + sample(x0 + 1, y0, channel) * fx;
        const bottom = sample(x0, y0 + 1, channel) * (1 - fx) + sample(x0 + 1, y0 + 1, channel) * fx;
        target[(y * width + x) * channels + channel] = (top * (1 - fy) + bottom * fy) / 255;
      }
    }
  }
}
