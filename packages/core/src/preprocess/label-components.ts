import type { GrayImage } from './planes';

/** Ink at or above this strength (of 255) belongs to a stroke; fainter pixels are anti-aliasing. */
export const STROKE_THRESHOLD = 64;

export interface Component {
  /** Label value in `ComponentLabels.labels` (1-based; 0 is background). */
  readonly label: number;
  readonly area: number;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export interface ComponentLabels {
  /** Per pixel: 0 for background, else the component's label. */
  readonly labels: Int32Array;
  readonly width: number;
  readonly height: number;
  /** In order of first appearance (top to bottom, left to right). */
  readonly components: readonly Component[];
}

/** Horizontal runs of stroke pixels: row, first and last column, and provisional label, packed. */
interface Runs {
  row: Int32Array;
  start: Int32Array;
  end: Int32Array;
  count: number;
}

/**
 * 8-connected components of the stroke pixels. Works on horizontal runs rather than pixels (a run
 * joins the runs of the row above that touch it, diagonals included), so the cost is one scan of
 * the image plus work proportional to the ink.
 */
export function labelComponents(ink: GrayImage, threshold = STROKE_THRESHOLD): ComponentLabels {
  const runs = findRuns(ink, threshold);
  const parent = new Int32Array(runs.count);
  for (let r = 0; r < runs.count; r++) parent[r] = r;
  joinTouchingRuns(runs, parent);
  return collect(runs, parent, ink.width, ink.height);
}

function findRuns(ink: GrayImage, threshold: number): Runs {
  const { data, width, height } = ink;
  let capacity = 256;
  let runs: Runs = {
    row: new Int32Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    count: 0,
  };
  for (let y = 0; y < height; y++) {
    const offset = y * width;
    let x = 0;
    while (x < width) {
      if (data[offset + x] < threshold) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && data[offset + x] >= threshold) x++;
      if (runs.count === capacity) {
        capacity *= 2;
        runs = grow(runs, capacity);
      }
      runs.row[runs.count] = y;
      runs.start[runs.count] = start;
      runs.end[runs.count] = x - 1;
      runs.count++;
    }
  }
  return runs;
}

function grow(runs: Runs, capacity: number): Runs {
  const widen = (array: Int32Array) => {
    const wider = new Int32Array(capacity);
    wider.set(array);
    return wider;
  };
  return { row: widen(runs.row), start: widen(runs.start), end: widen(runs.end), count: runs.count };
}

/** Unions each run with the runs of the previous row that overlap it or touch it diagonally. */
function joinTouchingRuns(runs: Runs, parent: Int32Array): void {
  let previousFirst = 0;
  let currentFirst = 0;
  for (let r = 0; r < runs.count; r++) {
    if (r === 0 || runs.row[r] !== runs.row[r - 1]) {
      previousFirst = runs.row[r] - 1 === (r > 0 ? runs.row[r - 1] : -2) ? currentFirst : r;
      currentFirst = r;
    }
    for (let p = previousFirst; p < currentFirst; p++) {
      if (runs.end[p] + 1 < runs.start[r]) continue;
      if (runs.start[p] > runs.end[r] + 1) break;
      union(parent, p, r);
    }
  }
}

function find(parent: Int32Array, index: number): number {
  while (parent[index] !== index) {
    parent[index] = parent[parent[index]];
    index = parent[index];
  }
  return index;
}

/** Links the two sets under the lower index, so a root is always its set's first run. */
function union(parent: Int32Array, a: number, b: number): void {
  const rootA = find(parent, a);
  const rootB = find(parent, b);
  if (rootA < rootB) parent[rootB] = rootA;
  else if (rootB < rootA) parent[rootA] = rootB;
}

function collect(runs: Runs, parent: Int32Array, width: number, height: number): ComponentLabels {
  const labels = new Int32Array(width * height);
  const labelOfRoot = new Int32Array(runs.count);
  const components: {
    label: number;
    area: number;
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
  }[] = [];
  for (let r = 0; r < runs.count; r++) {
    const root = find(parent, r);
    // Roots come first in their set, so the root's label exists by the time its runs are visited.
    if (root === r) {
      components.push({
        label: components.length + 1,
        area: 0,
        minX: width,
        minY: height,
        maxX: -1,
        maxY: -1,
      });
      labelOfRoot[r] = components.length;
    }
    const label = labelOfRoot[root];
    const component = components[label - 1];
    const y = runs.row[r];
    const start = runs.start[r];
    const end = runs.end[r];
    component.area += end - start + 1;
    if (start < component.minX) component.minX = start;
    if (end > component.maxX) component.maxX = end;
    if (y < component.minY) component.minY = y;
    if (y > component.maxY) component.maxY = y;
    labels.fill(label, y * width + start, y * width + end + 1);
  }
  return { labels, width, height, components };
}
