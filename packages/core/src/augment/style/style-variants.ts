import type { Point, Polyline } from './trace-polylines';

/**
 * Continental-European forms MNIST hardly holds, added to a traced character of class `label`:
 * a 1 with a long lead-in upstroke (and sometimes a foot), a 7 with a crossbar. Other labels, and
 * most draws, come back unchanged.
 */
export function addEuropeanVariant(
  lines: Polyline[],
  label: string | undefined,
  random: () => number,
): Polyline[] {
  if (label !== '1' && label !== '7') return lines;
  const points = lines.flat();
  if (points.length < 2) return lines;
  const top = points.reduce((a, b) => (b.y < a.y ? b : a));
  const bottom = points.reduce((a, b) => (b.y > a.y ? b : a));
  const height = bottom.y - top.y;
  if (height < 4) return lines;
  if (label === '1') {
    if (random() >= 0.35) return lines;
    const length = height * (0.25 + random() * 0.3);
    const angle = ((25 + random() * 35) * Math.PI) / 180;
    const leadIn: Polyline = [
      { x: top.x - length * Math.cos(angle), y: top.y + length * Math.sin(angle) },
      top,
    ];
    const out = [...lines, leadIn];
    if (random() < 0.5) {
      const half = height * (0.12 + random() * 0.18);
      out.push([
        { x: bottom.x - half, y: bottom.y },
        { x: bottom.x + half, y: bottom.y },
      ]);
    }
    return out;
  }
  if (random() >= 0.3) return lines;
  const middle = top.y + height * (0.5 + random() * 0.15);
  const stem = points.reduce((a, b) => (Math.abs(b.y - middle) < Math.abs(a.y - middle) ? b : a));
  const half = height * (0.14 + random() * 0.12);
  const crossbar: Point[] = [
    { x: stem.x - half, y: stem.y },
    { x: stem.x + half, y: stem.y },
  ];
  return [...lines, crossbar];
}
