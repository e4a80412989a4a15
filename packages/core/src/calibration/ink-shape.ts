/** Model-input pixels at least this bright count as ink when measuring its shape. */
const INK_LEVEL = 0.2;

/**
 * Shape of the ink in a model input (`[height*width]` float32 in [0,1], one channel, ink bright): what
 * tells a dot (a full blob), a line (a thin bar across) or a scribble (many crossings) from a
 * character, measured after preprocessing so every source (canvas, photo, dataset) is on one scale.
 * Returns, in `INK_SHAPE_NAMES` order: ink box width and height shares, fill of the box, ink mass
 * share, mean and largest ink runs crossed per row and per column, elongation (minor over major
 * axis of the ink's second moments) and how vertical its major axis is (|cos| to the vertical).
 */
export function inkShape(input: Float32Array, width: number, height: number): number[] {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = input[y * width + x];
      mass += value;
      sumX += value * x;
      sumY += value * y;
      if (value < INK_LEVEL) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0 || mass <= 0) return new Array<number>(INK_SHAPE_NAMES.length).fill(0);
  const boxWidth = maxX - minX + 1;
  const boxHeight = maxY - minY + 1;
  const meanX = sumX / mass;
  const meanY = sumY / mass;
  let boxMass = 0;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      const value = input[y * width + x];
      boxMass += value;
      xx += value * (x - meanX) ** 2;
      yy += value * (y - meanY) ** 2;
      xy += value * (x - meanX) * (y - meanY);
    }
  }
  const rows = runsAlong(input, width, minY, maxY, minX, maxX, false);
  const columns = runsAlong(input, width, minX, maxX, minY, maxY, true);
  // Eigen-decomposition of the 2×2 second-moment matrix.
  const half = (xx + yy) / 2;
  const spread = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  const major = half + spread;
  const minor = Math.max(0, half - spread);
  const axisAngle = 0.5 * Math.atan2(2 * xy, xx - yy);
  return [
    boxWidth / width,
    boxHeight / height,
    boxMass / (boxWidth * boxHeight),
    mass / (width * height),
    rows.mean,
    rows.max,
    columns.mean,
    columns.max,
    major > 0 ? Math.sqrt(minor / major) : 1,
    Math.abs(Math.sin(axisAngle)),
  ];
}

export const INK_SHAPE_NAMES = [
  'ink-width',
  'ink-height',
  'ink-fill',
  'ink-mass',
  'row-runs-mean',
  'row-runs-max',
  'column-runs-mean',
  'column-runs-max',
  'ink-elongation',
  'ink-axis-vertical',
] as const;

/** Mean and largest number of separate ink runs along each row (or column) of the ink box. */
function runsAlong(
  input: Float32Array,
  width: number,
  from: number,
  to: number,
  start: number,
  end: number,
  columns: boolean,
): { mean: number; max: number } {
  let total = 0;
  let max = 0;
  for (let line = from; line <= to; line++) {
    let runs = 0;
    let inside = false;
    for (let along = start; along <= end; along++) {
      const ink = (columns ? input[along * width + line] : input[line * width + along]) >= INK_LEVEL;
      if (ink && !inside) runs++;
      inside = ink;
    }
    total += runs;
    max = Math.max(max, runs);
  }
  return { mean: total / (to - from + 1), max };
}

/** Width over height of the ink in a model input; > 1 is wider than tall. */
export function inkAspect(shape: readonly number[], width: number, height: number): number {
  return shape[1] > 0 ? (shape[0] * width) / (shape[1] * height) : 0;
}
