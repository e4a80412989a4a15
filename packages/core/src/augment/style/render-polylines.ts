import type { FloatPlane } from '../../preprocess/planes';
import { distanceToSegment } from './simplify-polyline';
import type { Polyline } from './trace-polylines';

/**
 * Draws polylines with a round pen `penWidth` pixels wide into a new [0,1] plane just large enough
 * to hold them, anti-aliased by distance to the nearest segment (one pixel of soft edge).
 */
export function renderPolylines(lines: readonly Polyline[], penWidth: number): FloatPlane {
  const radius = penWidth / 2;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const line of lines) {
    for (const p of line) {
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  if (!Number.isFinite(minX)) return { data: new Float32Array(1), width: 1, height: 1 };
  const margin = Math.ceil(radius + 1);
  const originX = Math.floor(minX) - margin;
  const originY = Math.floor(minY) - margin;
  const width = Math.ceil(maxX) + margin - originX + 1;
  const height = Math.ceil(maxY) + margin - originY + 1;
  const data = new Float32Array(width * height);
  for (const line of lines) {
    for (let k = 0; k < line.length; k++) {
      const a = line[k];
      const b = line[Math.min(k + 1, line.length - 1)];
      if (k > 0 && k === line.length - 1) break;
      const left = Math.max(0, Math.floor(Math.min(a.x, b.x) - radius - 1) - originX);
      const right = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + radius + 1) - originX);
      const top = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius - 1) - originY);
      const bottom = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + radius + 1) - originY);
      for (let y = top; y <= bottom; y++) {
        for (let x = left; x <= right; x++) {
          const distance = distanceToSegment({ x: x + originX, y: y + originY }, a, b);
          const value = Math.min(1, Math.max(0, radius + 0.5 - distance));
          const i = y * width + x;
          if (value > data[i]) data[i] = value;
        }
      }
    }
  }
  return { data, width, height };
}
