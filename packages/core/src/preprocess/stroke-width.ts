import type { FloatPlane } from './planes';

/**
 * Typical stroke width in pixels: twice the ink area over the boundary length (a stroke of width w
 * and length L has area wL and two edges of length L). Ink is the samples at or above one half.
 */
export function strokeWidth(plane: FloatPlane): number {
  const { data, width, height } = plane;
  let area = 0;
  let boundary = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (data[i] < 0.5) continue;
      area++;
      const edge =
        x === 0 ||
        data[i - 1] < 0.5 ||
        x === width - 1 ||
        data[i + 1] < 0.5 ||
        y === 0 ||
        data[i - width] < 0.5 ||
        y === height - 1 ||
        data[i + width] < 0.5;
      if (edge) boundary++;
    }
  }
  return boundary === 0 ? 0 : (2 * area) / boundary;
}

/**
 * Grey-level dilation (`grow`) or erosion by `radius` pixels with an octagonal pen: 3×3 square and
 * plus-shaped steps alternate, which stays close to a disk. Outside the plane counts as 0.
 */
function morph(plane: FloatPlane, radius: number, grow: boolean): FloatPlane {
  const { width, height } = plane;
  let current = plane.data;
  for (let step = 0; step < radius; step++) current = morphStep(current, width, height, step, grow);
  return { data: current, width, height };
}

/** Step `step` (0-based) of `morph`: the square and plus-shaped steps alternate. */
export function morphStep(
  data: Float32Array,
  width: number,
  height: number,
  step: number,
  grow: boolean,
): Float32Array {
  const across = spreadRows(data, width, height, grow);
  return step % 2 === 0
    ? spreadColumns(across, width, height, grow)
    : plusStep(data, across, width, height, grow);
}

/** Each sample replaced by the max (grow) or min of itself and its left and right neighbours. */
function spreadRows(data: Float32Array, width: number, height: number, grow: boolean): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const left = x > 0 ? data[row + x - 1] : 0;
      const right = x + 1 < width ? data[row + x + 1] : 0;
      out[row + x] = pick(pick(data[row + x], left, grow), right, grow);
    }
  }
  return out;
}

/** Each sample replaced by the max (grow) or min of itself and the samples above and below. */
function spreadColumns(data: Float32Array, width: number, height: number, grow: boolean): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const up = y > 0 ? data[i - width] : 0;
      const down = y + 1 < height ? data[i + width] : 0;
      out[i] = pick(pick(data[i], up, grow), down, grow);
    }
  }
  return out;
}

/** The plus-shaped step: the row spread of each sample combined with the samples above and below. */
function plusStep(
  data: Float32Array,
  across: Float32Array,
  width: number,
  height: number,
  grow: boolean,
): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const up = y > 0 ? data[i - width] : 0;
      const down = y + 1 < height ? data[i + width] : 0;
      out[i] = pick(pick(across[i], up, grow), down, grow);
    }
  }
  return out;
}

function pick(a: number, b: number, grow: boolean): number {
  return grow ? (a > b ? a : b) : a < b ? a : b;
}

export function dilate(plane: FloatPlane, radius: number): FloatPlane {
  return morph(plane, radius, true);
}

export function erode(plane: FloatPlane, radius: number): FloatPlane {
  return morph(plane, radius, false);
}
