import type { Point, Polyline } from './trace-polylines';

/**
 * Douglas–Peucker: the fewest points that keep the line within `tolerance` pixels of the original.
 * A large tolerance turns a curve into a few straight segments (a "boxy" hand).
 */
export function simplifyPolyline(line: Polyline, tolerance: number): Polyline {
  if (line.length <= 2) return line.slice();
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const distance = distanceToSegment(line[i], line[first], line[last]);
      if (distance > farthestDistance) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([first, farthest], [farthest, last]);
  }
  return line.filter((_, i) => keep[i] === 1);
}

/** Moving average [1,2,1]/4 over inner points: takes the pixel staircase out of a traced line. */
export function smoothPolyline(line: Polyline): Polyline {
  if (line.length <= 2) return line.slice();
  return line.map((point, i) => {
    if (i === 0 || i === line.length - 1) return point;
    const a = line[i - 1];
    const b = line[i + 1];
    return { x: (a.x + 2 * point.x + b.x) / 4, y: (a.y + 2 * point.y + b.y) / 4 };
  });
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  const ex = p.x - (a.x + t * dx);
  const ey = p.y - (a.y + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}
