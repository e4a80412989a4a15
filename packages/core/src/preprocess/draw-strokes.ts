import type { RawImage } from '../image/raw-image';

/** A pen stroke: a polyline in pixel coordinates drawn with a round pen of `width` pixels. */
export interface Stroke {
  readonly points: readonly (readonly [number, number])[];
  readonly width: number;
}

export interface DrawOptions {
  readonly width: number;
  readonly height: number;
  /** `dark-on-light` (default): black ink on an opaque white page; `light-on-dark`: a blackboard; `transparent`: black ink on a transparent canvas. */
  readonly style?: 'dark-on-light' | 'light-on-dark' | 'transparent';
}

/**
 * Rasterises strokes into an RGBA image with anti-aliased edges, like a drawing canvas. Pure and
 * deterministic, for tests, fixtures and benchmarks (the ink is coverage of a round pen, 1 px ramp).
 */
export function drawStrokes(strokes: readonly Stroke[], options: DrawOptions): RawImage {
  const { width, height } = options;
  const coverage = new Float64Array(width * height);
  for (const stroke of strokes) paintStroke(coverage, width, height, stroke);
  const data = new Uint8ClampedArray(width * height * 4);
  const style = options.style ?? 'dark-on-light';
  for (let i = 0; i < coverage.length; i++) {
    const ink = Math.round(Math.min(1, coverage[i]) * 255);
    if (style === 'transparent') {
      data[4 * i + 3] = ink;
      continue;
    }
    const value = style === 'dark-on-light' ? 255 - ink : ink;
    data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = value;
    data[4 * i + 3] = 255;
  }
  return { data, width, height, channels: 4 };
}

function paintStroke(coverage: Float64Array, width: number, height: number, stroke: Stroke): void {
  const radius = stroke.width / 2;
  const segments = stroke.points.length === 1 ? [[stroke.points[0], stroke.points[0]]] : pairs(stroke.points);
  for (const [a, b] of segments) {
    const minX = Math.max(0, Math.floor(Math.min(a[0], b[0]) - radius - 1));
    const maxX = Math.min(width - 1, Math.ceil(Math.max(a[0], b[0]) + radius + 1));
    const minY = Math.max(0, Math.floor(Math.min(a[1], b[1]) - radius - 1));
    const maxY = Math.min(height - 1, Math.ceil(Math.max(a[1], b[1]) + radius + 1));
    for (let y = minY; y <= maxY; y++) {
      for (let x = minX; x <= maxX; x++) {
        const distance = distanceToSegment(x + 0.5, y + 0.5, a, b);
        const ink = Math.max(0, Math.min(1, radius + 0.5 - distance));
        const index = y * width + x;
        if (ink > coverage[index]) coverage[index] = ink;
      }
    }
  }
}

function pairs<T>(items: readonly T[]): [T, T][] {
  return items.slice(1).map((item, index) => [items[index], item]);
}

function distanceToSegment(
  x: number,
  y: number,
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / lengthSquared));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/** Points on a circle (closed), for drawing rings such as a 0 or an o. */
export function circlePoints(cx: number, cy: number, rx: number, ry: number, steps = 48): [number, number][] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const angle = (2 * Math.PI * i) / steps;
    return [cx + rx * Math.cos(angle), cy + ry * Math.sin(angle)];
  });
}
