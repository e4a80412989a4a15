import type { ComponentLabels } from '../preprocess/label-components';
import type { GrayImage, PixelBox } from '../preprocess/planes';
import type { CharacterSegment, CutSeam } from './character-segment';
import { measureSeam } from './cut-seam';

export interface SplitOptions {
  /** Width / height of a typical character, used when the line has too few to measure. */
  readonly typicalAspect: number;
  /**
   * A segment at least this many line heights wide may hold touching characters (two digits such as
   * 1 and 7 touching are often narrower than one 0). The recognizer weighs every cut it is offered.
   */
  readonly minCutAspect: number;
}

/** At most this many characters are considered to touch in one run. */
const MAX_PIECES = 5;
/** Places considered for cuts: this many per expected character, plus the projection minima. */
const GRID_PER_PIECE = 5;
/** A piece narrower than this share of the mean piece width is not offered (a sliver). */
const MIN_PIECE_SHARE = 0.25;
/** ...nor one wider than this share. */
const MAX_PIECE_SHARE = 1.8;

/**
 * Ways to cut a segment into touching characters, for the recognizer to judge. The segment's width
 * in typical character widths (`typicalWidth`, measured on the line) gives the plausible counts
 * (at least two). For each count, every combination of cut columns — a regular grid and the local
 * minima of the column ink projection — whose pieces have plausible widths. Readings share their
 * pieces (same cut columns, same object), so each piece needs preparing and classifying once.
 * Returns no alternative for a segment that is not wide enough.
 */
export function splitCandidates(
  segment: CharacterSegment,
  ink: GrayImage,
  components: ComponentLabels,
  line: { readonly typicalWidth: number; readonly lineHeight: number },
  options: SplitOptions,
): CharacterSegment[][] {
  const { box } = segment;
  if (box.width < options.minCutAspect * line.lineHeight || box.width < 4) return [];
  const ratio = Math.max(2, box.width / line.typicalWidth);
  const counts = [...new Set([Math.floor(ratio), Math.round(ratio), Math.ceil(ratio)])].filter(
    (count) => count >= 2 && count <= MAX_PIECES,
  );
  const projection = columnInk(segment, ink, components);
  const minima = projectionMinima(projection).sort((a, b) => projection[a] - projection[b]);
  const seams = new Map<number, CutSeam>();
  const seam = (column: number) => {
    if (!seams.has(column)) seams.set(column, measureSeam(segment, column, projection, ink, components));
    return seams.get(column) as CutSeam;
  };
  const pieces = new Map<string, CharacterSegment | undefined>();
  const piece = (from: number, to: number) => {
    const key = `${from}:${to}`;
    if (!pieces.has(key)) {
      const edges = [...(from > 0 ? [seam(from)] : []), ...(to < box.width ? [seam(to)] : [])];
      pieces.set(key, cutPiece(segment, from, to, components, edges));
    }
    return pieces.get(key);
  };
  const readings: CharacterSegment[][] = [];
  for (const count of counts) {
    const mean = box.width / count;
    const columns = cutColumns(box.width, count, minima.slice(0, 2 * count));
    for (const edges of piecePaths(
      columns,
      box.width,
      count,
      MIN_PIECE_SHARE * mean,
      MAX_PIECE_SHARE * mean,
    )) {
      const reading: CharacterSegment[] = [];
      for (let k = 0; k + 1 < edges.length; k++) {
        const cut = piece(edges[k], edges[k + 1]);
        if (cut !== undefined) reading.push(cut);
      }
      if (reading.length === count) readings.push(reading);
    }
  }
  return readings;
}

/** Candidate cut columns (relative to the box): a grid of `GRID_PER_PIECE` per piece and the minima. */
function cutColumns(width: number, count: number, minima: readonly number[]): number[] {
  const steps = GRID_PER_PIECE * count;
  const grid = Array.from({ length: steps - 1 }, (_, k) => Math.round(((k + 1) * width) / steps));
  return [...new Set([...grid, ...minima])].filter((x) => x > 0 && x < width).sort((a, b) => a - b);
}

/** Every sequence of edges 0 < c1 < … < width with `count` pieces between min and max wide. */
function piecePaths(
  columns: readonly number[],
  width: number,
  count: number,
  minWidth: number,
  maxWidth: number,
): number[][] {
  const paths: number[][] = [];
  const extend = (edges: number[]) => {
    const last = edges[edges.length - 1];
    if (edges.length === count) {
      if (width - last >= minWidth && width - last <= maxWidth) paths.push([...edges, width]);
      return;
    }
    for (const column of columns) {
      if (column - last < minWidth) continue;
      if (column - last > maxWidth) break;
      extend([...edges, column]);
    }
  };
  extend([0]);
  return paths;
}

/** Local minima of the projection: columns where touching characters may meet. */
function projectionMinima(projection: Float64Array): number[] {
  const minima: number[] = [];
  for (let x = 1; x + 1 < projection.length; x++) {
    if (projection[x] <= projection[x - 1] && projection[x] < projection[x + 1]) minima.push(x);
  }
  return minima;
}

/** Summed ink per column of the segment, counting only its own components. */
function columnInk(segment: CharacterSegment, ink: GrayImage, components: ComponentLabels): Float64Array {
  const { box } = segment;
  const own = new Set(segment.labels);
  const sums = new Float64Array(box.width);
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const index = y * ink.width + box.x + x;
      if (own.has(components.labels[index])) sums[x] += ink.data[index];
    }
  }
  return sums;
}

/** The segment's ink between columns `from` and `to` (relative to its box), with a tight box. */
function cutPiece(
  segment: CharacterSegment,
  from: number,
  to: number,
  components: ComponentLabels,
  seams: readonly CutSeam[],
): CharacterSegment | undefined {
  const { box } = segment;
  const columns = { x: box.x + from, y: box.y, width: to - from, height: box.height };
  const tight = tightBox(columns, segment.labels, components);
  return tight === undefined ? undefined : { box: tight, labels: segment.labels, seams };
}

/** The box around the labelled pixels inside `area`, or undefined when it holds none. */
export function tightBox(
  area: PixelBox,
  labels: readonly number[],
  components: ComponentLabels,
): PixelBox | undefined {
  const own = new Set(labels);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  for (let y = area.y; y < area.y + area.height; y++) {
    for (let x = area.x; x < area.x + area.width; x++) {
      if (!own.has(components.labels[y * components.width + x])) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return undefined;
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}
