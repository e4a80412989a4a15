// Renders MNIST digits the way people's drawings reach Glyph: big, off-centre, crisp dark strokes of
// varying weight on a white canvas. Shared by the written lines (`writeNumber`) and the canvas-MNIST
// measurement.

/** A gray plane of ink coverage in [0,1] (1 = full ink). */
export interface Coverage {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

export interface StrokeStyle {
  /** Level of the upscaled digit that becomes the stroke edge: low = bold, high = thin. */
  readonly threshold: number;
  /** Extra pen radius in canvas pixels (a thick marker), applied as a max filter. */
  readonly dilate: number;
}

/** The digit's ink box cut out of a 28×28 MNIST image, as coverage. */
export function cropDigit(image: Uint8Array, size = 28): Coverage {
  let minX = size,
    minY = size,
    maxX = -1,
    maxY = -1;
  for (let i = 0; i < size * size; i++) {
    if (image[i] === 0) continue;
    const x = i % size,
      y = Math.floor(i / size);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (maxX < 0) return { data: new Float32Array(1), width: 1, height: 1 };
  const width = maxX - minX + 1,
    height = maxY - minY + 1;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[y * width + x] = image[(minY + y) * size + minX + x] / 255;
  }
  return { data, width, height };
}

/**
 * Upscales the digit (bilinear) to `width`×`height` and cuts a crisp stroke edge at `threshold` with a
 * one-canvas-pixel anti-aliased ramp, then widens it by `dilate` pixels: the digit's own shape drawn
 * with a thin pen, a normal one or a fat marker.
 */
export function strokeDigit(crop: Coverage, width: number, height: number, style: StrokeStyle): Coverage {
  const smooth = upscale(crop, width, height);
  const ramp = (0.5 * crop.width) / width;
  const data = Float32Array.from(smooth.data, (value) =>
    Math.min(1, Math.max(0, (value - style.threshold) / ramp + 0.5)),
  );
  const stroke = { data, width, height };
  return style.dilate > 0 ? dilate(stroke, style.dilate) : stroke;
}

/** The digit's own gray levels, bilinear upscaled: strokes as the MNIST writer made them. */
export function upscale(crop: Coverage, width: number, height: number): Coverage {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(crop.height - 1, Math.max(0, ((y + 0.5) * crop.height) / height - 0.5));
    const y0 = Math.floor(sy),
      y1 = Math.min(crop.height - 1, y0 + 1),
      fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(crop.width - 1, Math.max(0, ((x + 0.5) * crop.width) / width - 0.5));
      const x0 = Math.floor(sx),
        x1 = Math.min(crop.width - 1, x0 + 1),
        fx = sx - x0;
      const top = crop.data[y0 * crop.width + x0] * (1 - fx) + crop.data[y0 * crop.width + x1] * fx;
      const bottom = crop.data[y1 * crop.width + x0] * (1 - fx) + crop.data[y1 * crop.width + x1] * fx;
      out[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { data: out, width, height };
}

/** Grows the strokes by `radius` pixels (square max filter, padded so nothing is cut off). */
function dilate(plane: Coverage, radius: number): Coverage {
  const width = plane.width + 2 * radius;
  const height = plane.height + 2 * radius;
  const padded = blankCanvas(width, height);
  stamp(padded, plane, radius, radius);
  const rows = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let max = 0;
      for (let k = Math.max(0, x - radius); k <= Math.min(width - 1, x + radius); k++)
        max = Math.max(max, padded.data[y * width + k]);
      rows[y * width + x] = max;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let max = 0;
      for (let k = Math.max(0, y - radius); k <= Math.min(height - 1, y + radius); k++)
        max = Math.max(max, rows[k * width + x]);
      out[y * width + x] = max;
    }
  }
  return { data: out, width, height };
}

/** A blank coverage canvas. */
export function blankCanvas(width: number, height: number): Coverage {
  return { data: new Float32Array(width * height), width, height };
}

/** Draws `glyph` onto `canvas` with its top-left at (left, top); overlapping ink keeps the darker. */
export function stamp(canvas: Coverage, glyph: Coverage, left: number, top: number): void {
  for (let y = 0; y < glyph.height; y++) {
    const cy = top + y;
    if (cy < 0 || cy >= canvas.height) continue;
    for (let x = 0; x < glyph.width; x++) {
      const cx = left + x;
      if (cx < 0 || cx >= canvas.width) continue;
      const index = cy * canvas.width + cx;
      canvas.data[index] = Math.max(canvas.data[index], glyph.data[y * glyph.width + x]);
    }
  }
}

/** Dark ink on white, one 8-bit channel. */
export function toDarkOnWhite(canvas: Coverage): Uint8Array {
  return Uint8Array.from(canvas.data, (ink) => 255 - Math.round(ink * 255));
}

/** Random stroke weight: a third thin, a third as written, a third bold (most with a fat marker). */
export function randomStrokeStyle(random: () => number, longerSide: number): StrokeStyle {
  const kind = Math.floor(random() * 3);
  if (kind === 0) return { threshold: 0.5 + random() * 0.1, dilate: 0 };
  if (kind === 1) return { threshold: 0.3 + random() * 0.2, dilate: 0 };
  return { threshold: 0.15 + random() * 0.15, dilate: Math.round(random() * longerSide * 0.04) };
}
