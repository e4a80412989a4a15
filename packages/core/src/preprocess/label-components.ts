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

/** 8-connected components of the stroke pixels, by one union-find pass and one relabelling pass. */
export function labelComponents(ink: GrayImage, threshold = STROKE_THRESHOLD): ComponentLabels {
  const { data, width, height } = ink;
  const labels = new Int32Array(width * height);
  const parent = provisionalLabels(data, width, height, threshold, labels);
  return finalizeLabels(labels, parent, width, height);
}

function provisionalLabels(
  data: Uint8Array,
  width: number,
  height: number,
  threshold: number,
  labels: Int32Array,
): Int32Array {
  let parent = new Int32Array(64);
  let next = 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (data[i] < threshold) continue;
      let label = 0;
      // Already-visited neighbours: W, NW, N, NE.
      if (x > 0 && labels[i - 1] !== 0) label = labels[i - 1];
      if (y > 0) {
        const up = i - width;
        if (x > 0 && labels[up - 1] !== 0) label = join(parent, label, labels[up - 1]);
        if (labels[up] !== 0) label = join(parent, label, labels[up]);
        if (x + 1 < width && labels[up + 1] !== 0) label = join(parent, label, labels[up + 1]);
      }
      if (label === 0) {
        if (next >= parent.length) {
          const grown = new Int32Array(parent.length * 2);
          grown.set(parent);
          parent = grown;
        }
        parent[next] = next;
        label = next++;
      }
      labels[i] = label;
    }
  }
  return parent.subarray(0, next);
}

function find(parent: Int32Array, label: number): number {
  while (parent[label] !== label) {
    parent[label] = parent[parent[label]];
    label = parent[label];
  }
  return label;
}

/** Unions two provisional labels (either may be 0 = none) and returns the surviving root. */
function join(parent: Int32Array, a: number, b: number): number {
  if (a === 0) return find(parent, b);
  const rootA = find(parent, a);
  const rootB = find(parent, b);
  if (rootA === rootB) return rootA;
  const low = rootA < rootB ? rootA : rootB;
  parent[rootA] = low;
  parent[rootB] = low;
  return low;
}

function finalizeLabels(
  labels: Int32Array,
  parent: Int32Array,
  width: number,
  height: number,
): ComponentLabels {
  const final = new Int32Array(parent.length);
  let count = 0;
  for (let label = 1; label < parent.length; label++) {
    const root = find(parent, label);
    final[label] = root === label ? ++count : final[root];
  }
  const area = new Int32Array(count + 1);
  const minX = new Int32Array(count + 1).fill(width);
  const minY = new Int32Array(count + 1).fill(height);
  const maxX = new Int32Array(count + 1).fill(-1);
  const maxY = new Int32Array(count + 1).fill(-1);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (labels[i] === 0) continue;
      const label = final[labels[i]];
      labels[i] = label;
      area[label]++;
      if (x < minX[label]) minX[label] = x;
      if (x > maxX[label]) maxX[label] = x;
      if (y < minY[label]) minY[label] = y;
      if (y > maxY[label]) maxY[label] = y;
    }
  }
  const components: Component[] = [];
  for (let label = 1; label <= count; label++) {
    components.push({
      label,
      area: area[label],
      minX: minX[label],
      minY: minY[label],
      maxX: maxX[label],
      maxY: maxY[label],
    });
  }
  return { labels, width, height, components };
}
