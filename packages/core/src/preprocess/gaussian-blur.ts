import type { FloatPlane } from './planes';

/**
 * Normalised 7-tap Gaussian kernel for σ = 1 (exp(-x²/2) for x = -3..3 divided by their sum), written
 * out as literals so every JavaScript engine uses the same bits rather than its own `Math.exp`.
 */
export const SIGMA_ONE_KERNEL = [
  0.004433048175243745, 0.054005582622414484, 0.2420362293761143, 0.3990502796524549, 0.2420362293761143,
  0.054005582622414484, 0.004433048175243745,
] as const;

const RADIUS = 3;
const [K0, K1, K2, K3, K4, K5, K6] = SIGMA_ONE_KERNEL;

/**
 * Separable σ = 1 Gaussian blur; outside the plane counts as 0 (no ink). Every output is the sum of
 * its taps in kernel order, in float64, starting from 0 — the same bits on every platform. Away from
 * the edges the seven taps are written out (the same sums, without the per-pixel bounds).
 */
export function gaussianBlurSigmaOne(plane: FloatPlane): FloatPlane {
  const { data, width, height } = plane;
  const rows = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (x >= RADIUS && x < width - RADIUS) {
        rows[i] =
          0 +
          data[i - 3] * K0 +
          data[i - 2] * K1 +
          data[i - 1] * K2 +
          data[i] * K3 +
          data[i + 1] * K4 +
          data[i + 2] * K5 +
          data[i + 3] * K6;
      } else {
        rows[i] = edgeSum(data, i, 1, Math.max(-RADIUS, -x), Math.min(RADIUS, width - 1 - x));
      }
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const interior = y >= RADIUS && y < height - RADIUS;
    const from = Math.max(-RADIUS, -y);
    const to = Math.min(RADIUS, height - 1 - y);
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      out[i] = interior
        ? 0 +
          rows[i - 3 * width] * K0 +
          rows[i - 2 * width] * K1 +
          rows[i - width] * K2 +
          rows[i] * K3 +
          rows[i + width] * K4 +
          rows[i + 2 * width] * K5 +
          rows[i + 3 * width] * K6
        : edgeSum(rows, i, width, from, to);
    }
  }
  return { data: out, width, height };
}

/** The taps `from..to` around index `i`, `step` apart, summed in kernel order. */
function edgeSum(values: ArrayLike<number>, i: number, step: number, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k <= to; k++) sum += values[i + k * step] * SIGMA_ONE_KERNEL[k + RADIUS];
  return sum;
}
