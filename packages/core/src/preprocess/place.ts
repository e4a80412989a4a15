import type { FloatPlane } from './planes';

/** Intensity-weighted centre in pixel-index coordinates, or the geometric centre of a blank plane. */
export function centreOfMass(plane: FloatPlane): { x: number; y: number } {
  const { data, width, height } = plane;
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const value = data[i];
      mass += value;
      sumX += value * x;
      sumY += value * y;
    }
  }
  if (mass === 0) return { x: (width - 1) / 2, y: (height - 1) / 2 };
  return { x: sumX / mass, y: sumY / mass };
}

/** Copies `plane` into a blank `width`×`height` plane with its top-left pixel at (`left`, `top`). */
export function placeAt(
  plane: FloatPlane,
  width: number,
  height: number,
  left: number,
  top: number,
): FloatPlane {
  const out = new Float32Array(width * height);
  for (let y = 0; y < plane.height; y++) {
    const targetY = top + y;
    if (targetY < 0 || targetY >= height) continue;
    for (let x = 0; x < plane.width; x++) {
      const targetX = left + x;
      if (targetX < 0 || targetX >= width) continue;
      out[targetY * width + targetX] = plane.data[y * plane.width + x];
    }
  }
  return { data: out, width, height };
}

/**
 * MNIST's placement: translate by whole pixels so the centre of mass lands on (width/2, height/2) in
 * index coordinates (where MNIST's own digits sit), without pushing ink off the field.
 */
export function placeByCentreOfMass(plane: FloatPlane, width: number, height: number): FloatPlane {
  const centre = centreOfMass(plane);
  const left = clamp(Math.round(width / 2 - centre.x), 0, width - plane.width);
  const top = clamp(Math.round(height / 2 - centre.y), 0, height - plane.height);
  return placeAt(plane, width, height, left, top);
}

/** EMNIST's placement: the box centred in the field. */
export function placeCentred(plane: FloatPlane, width: number, height: number): FloatPlane {
  return placeAt(plane, width, height, (width - plane.width) >> 1, (height - plane.height) >> 1);
}

/** Scales the plane so its brightest pixel is 1 (a thin or faint stroke gets MNIST's full-ink core). */
export function normalizePeak(plane: FloatPlane): FloatPlane {
  const { data } = plane;
  let max = 0;
  for (let i = 0; i < data.length; i++) if (data[i] > max) max = data[i];
  if (max === 0 || max === 1) return plane;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] / max;
  return { data: out, width: plane.width, height: plane.height };
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
