import type { FloatPlane } from './planes';

/**
 * Normalised 7-tap Gaussian kernel for σ = 1 (exp(-x²/2) for x = -3..3 divided by their sum), written
 * out as literals so every JavaScript engine uses the same bits rather than its own `Math.exp`.
 */
const SIGMA_ONE_KERNEL = [
  0.004433048175243745, 0.054005582622414484, 0.2420362293761143, 0.3990502796524549, 0.2420362293761143,
  0.054005582622414484, 0.004433048175243745,
];

const RADIUS = 3;

/** Separable σ = 1 Gaussian blur; outside the plane counts as 0 (no ink). */
export function gaussianBlurSigmaOne(plane: FloatPlane): FloatPlane {
  const { data, width, height } = plane;
  const rows = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const from = Math.max(-RADIUS, -x);
      const to = Math.min(RADIUS, width - 1 - x);
      let sum = 0;
      for (let k = from; k <= to; k++) sum += data[row + x + k] * SIGMA_ONE_KERNEL[k + RADIUS];
      rows[row + x] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = Math.max(-RADIUS, -y);
    const to = Math.min(RADIUS, height - 1 - y);
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = from; k <= to; k++) sum += rows[(y + k) * width + x] * SIGMA_ONE_KERNEL[k + RADIUS];
      out[y * width + x] = sum;
    }
  }
  return { data: out, width, height };
}
