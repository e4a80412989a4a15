import type { FloatPlane } from './planes';

/**
 * For each output index, the source indices it covers and their weights (overlap / output footprint).
 * Exact box filtering: every source pixel contributes in proportion to the area it shares.
 */
interface Taps {
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly weights: Float64Array;
  readonly stride: number;
}

function areaTaps(sourceSize: number, targetSize: number): Taps {
  const scale = sourceSize / targetSize;
  const stride = Math.ceil(scale) + 2;
  const start = new Int32Array(targetSize);
  const count = new Int32Array(targetSize);
  const weights = new Float64Array(targetSize * stride);
  for (let t = 0; t < targetSize; t++) {
    const from = t * scale;
    const to = from + scale;
    const first = Math.floor(from);
    const last = Math.min(sourceSize - 1, Math.ceil(to) - 1);
    start[t] = first;
    count[t] = last - first + 1;
    for (let s = first; s <= last; s++) {
      const overlap = Math.min(to, s + 1) - Math.max(from, s);
      weights[t * stride + (s - first)] = overlap / scale;
    }
  }
  return { start, count, weights, stride };
}

/** Resamples a plane to `targetWidth`×`targetHeight` by area averaging (separable, rows then columns). */
export function areaResize(plane: FloatPlane, targetWidth: number, targetHeight: number): FloatPlane {
  const { data, width, height } = plane;
  const across = areaTaps(width, targetWidth);
  const down = areaTaps(height, targetHeight);
  const rows = new Float64Array(height * targetWidth);
  // Tap counts and weights are read into locals: the loops then keep them in registers.
  const acrossWeights = across.weights;
  for (let t = 0; t < targetWidth; t++) {
    const first = across.start[t];
    const count = across.count[t];
    const weightBase = t * across.stride;
    for (let y = 0, base = first, at = t; y < height; y++, base += width, at += targetWidth) {
      let sum = 0;
      for (let k = 0; k < count; k++) sum += data[base + k] * acrossWeights[weightBase + k];
      rows[at] = sum;
    }
  }
  const out = new Float32Array(targetWidth * targetHeight);
  const downWeights = down.weights;
  for (let t = 0; t < targetHeight; t++) {
    const weightBase = t * down.stride;
    const first = down.start[t] * targetWidth;
    const count = down.count[t];
    const outRow = t * targetWidth;
    for (let x = 0; x < targetWidth; x++) {
      let sum = 0;
      for (let k = 0, at = first + x; k < count; k++, at += targetWidth) {
        sum += rows[at] * downWeights[weightBase + k];
      }
      out[outRow + x] = sum;
    }
  }
  return { data: out, width: targetWidth, height: targetHeight };
}

/** The size that fits `longerSide` while keeping the aspect ratio (each side at least 1 pixel). */
export function fitLongerSide(
  width: number,
  height: number,
  longerSide: number,
): { width: number; height: number } {
  const scale = longerSide / Math.max(width, height);
  return {
    width: Math.max(1, Math.min(longerSide, Math.round(width * scale))),
    height: Math.max(1, Math.min(longerSide, Math.round(height * scale))),
  };
}
