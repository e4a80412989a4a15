/** A point in pixel coordinates (x right, y down). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export type Polyline = Point[];

const OFFSETS = [
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
] as const;

/**
 * Follows a one-pixel-wide skeleton (1 = on) into polylines: each path runs from an end or branch
 * point to the next one, and closed loops (an o, the bowls of an 8) come out as rings. Every
 * skeleton pixel lands in exactly one polyline; single pixels become one-point polylines.
 */
export function tracePolylines(skeleton: Uint8Array, width: number, height: number): Polyline[] {
  const on = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && skeleton[y * width + x] === 1;
  const degree = (x: number, y: number) => {
    let count = 0;
    for (const [dx, dy] of OFFSETS) if (on(x + dx, y + dy)) count++;
    return count;
  };
  const visited = new Uint8Array(width * height);
  const polylines: Polyline[] = [];
  const walk = (startX: number, startY: number): Polyline => {
    const path: Polyline = [{ x: startX, y: startY }];
    visited[startY * width + startX] = 1;
    let [x, y] = [startX, startY];
    for (;;) {
      const next = unvisitedNeighbour(x, y);
      if (next === undefined) {
        closeOnto(path);
        break;
      }
      [x, y] = next;
      visited[y * width + x] = 1;
      path.push({ x, y });
      if (degree(x, y) > 2) break;
    }
    return path;
  };
  /** A path that runs into traced skeleton (a loop's start, a junction) joins it instead of stopping short. */
  const closeOnto = (path: Polyline) => {
    const last = path[path.length - 1];
    const before = path.length > 1 ? path[path.length - 2] : undefined;
    for (const [dx, dy] of OFFSETS) {
      const nx = last.x + dx;
      const ny = last.y + dy;
      if (!on(nx, ny) || (before && before.x === nx && before.y === ny)) continue;
      const isStart = path.length > 2 && path[0].x === nx && path[0].y === ny;
      if (isStart || degree(nx, ny) > 2) {
        path.push({ x: nx, y: ny });
        return;
      }
    }
  };
  const unvisitedNeighbour = (x: number, y: number): [number, number] | undefined => {
    // Prefer 4-connected steps so a diagonal shortcut does not skip a pixel of the line.
    for (const [dx, dy] of [
      ...OFFSETS.filter(([a, b]) => a === 0 || b === 0),
      ...OFFSETS.filter(([a, b]) => a !== 0 && b !== 0),
    ]) {
      const nx = x + dx;
      const ny = y + dy;
      if (on(nx, ny) && visited[ny * width + nx] === 0) return [nx, ny];
    }
    return undefined;
  };
  // Ends and branch points first, so open strokes are traced from their ends; loops last.
  for (const wanted of ['end', 'branch', 'any'] as const) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (!on(x, y)) continue;
        const d = degree(x, y);
        const matches = wanted === 'any' || (wanted === 'end' ? d <= 1 : d > 2);
        if (!matches) continue;
        while (unvisitedNeighbour(x, y) !== undefined || visited[y * width + x] === 0) {
          const path = walk(x, y);
          if (visited[y * width + x] === 1 && path.length === 1 && unvisitedNeighbour(x, y) === undefined) {
            polylines.push(path);
            break;
          }
          polylines.push(path);
        }
      }
    }
  }
  return polylines;
}
