import type { ComponentLabels } from '../preprocess/label-components';
import type { GrayImage, PixelBox } from '../preprocess/planes';
import type { CharacterSegment } from './character-segment';

export interface SplitOptions {
  /** Width / height of a typical character, used when the line has too few to measure. */
  readonly typicalAspect: number;
  /** A segment wider than this many typical characters may hold touching ones. */
  readonly minWidthRatio: number;
}

/** At most this many characters are considered to touch in one run. */
const MAX_PIECES = 5;
/** Where two touching characters may meet, as fractions of the run's width. */
const TWO_PIECE_FRACTIONS = [0.3, 0.38, 0.46, 0.54, 0.62, 0.7];

/**
 * Ways to cut a wide segment into touching characters, for the recognizer to judge. The segment's
 * width in typical character widths (`typicalWidth`, measured on the line) gives the plausible
 * counts; for each: even cuts, and even cuts moved to the column with the least ink nearby (a column
 * projection minimum); for two characters also cuts across the middle and at the strongest
 * projection minima. Returns no alternative for a segment that is not wide.
 */
export function splitCandidates(
  segment: CharacterSegment,
  ink: GrayImage,
  components: ComponentLabels,
  typicalWidth: number,
  options: SplitOptions,
): CharacterSegment[][] {
  const { box } = segment;
  const ratio = box.width / typicalWidth;
  if (ratio < options.minWidthRatio) return [];
  const counts = [...new Set([Math.floor(ratio), Math.round(ratio), Math.ceil(ratio)])].filter(
    (count) => count >= 2 && count <= MAX_PIECES,
  );
  const projection = columnInk(segment, ink, components);
  const cutSets: number[][] = [];
  for (const pieces of counts) cutSets.push(snappedCuts(projection, pieces), evenCuts(box.width, pieces));
  if (counts.includes(2)) {
    // Touching round characters (0, 6, 8, 9) meet where the ink is thick, not at a projection
    // minimum: also offer plain cuts across the middle of the run.
    for (const fraction of TWO_PIECE_FRACTIONS) cutSets.push([Math.round(box.width * fraction)]);
    for (const cut of projectionMinima(projection, 3)) cutSets.push([cut]);
  }
  const seen = new Set<string>();
  const candidates: CharacterSegment[][] = [];
  for (const cuts of cutSets) {
    const key = cuts.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const pieces = cutInto(segment, cuts, components);
    if (pieces.length === cuts.length + 1) candidates.push(pieces);
  }
  return candidates;
}

/** Evenly spaced cuts, each moved to the least-ink column within a sixth of a piece's width. */
function snappedCuts(projection: Float64Array, pieces: number): number[] {
  const width = projection.length;
  const reach = Math.max(1, Math.floor(width / (6 * pieces)));
  const cuts: number[] = [];
  for (let k = 1; k < pieces; k++) {
    const expected = Math.round((k * width) / pieces);
    const from = Math.max((cuts[k - 2] ?? 0) + 1, expected - reach);
    cuts.push(leastInkColumn(projection, from, Math.min(width - 1, expected + reach), expected));
  }
  return cuts;
}

/** Cuts that split the run into `pieces` equal widths. */
function evenCuts(width: number, pieces: number): number[] {
  return Array.from({ length: pieces - 1 }, (_, k) => Math.round(((k + 1) * width) / pieces));
}

/** Up to `count` local minima of the projection in the middle half, least ink first. */
function projectionMinima(projection: Float64Array, count: number): number[] {
  const width = projection.length;
  const minima: number[] = [];
  for (let x = Math.max(1, Math.floor(width / 4)); x < Math.min(width - 1, Math.ceil((3 * width) / 4)); x++) {
    if (projection[x] <= projection[x - 1] && projection[x] < projection[x + 1]) minima.push(x);
  }
  return minima.sort((a, b) => projection[a] - projection[b] || a - b).slice(0, count);
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

/** The column in [from, to] with the least ink; ties go to the one nearest `expected`. */
function leastInkColumn(projection: Float64Array, from: number, to: number, expected: number): number {
  let best = Math.min(from, to);
  for (let x = best; x <= to; x++) {
    const better = projection[x] < projection[best];
    const tieNearer =
      projection[x] === projection[best] && Math.abs(x - expected) < Math.abs(best - expected);
    if (better || tieNearer) best = x;
  }
  return best;
}

/** Pieces between consecutive cut columns (relative to the box), each with a tight box. */
function cutInto(
  segment: CharacterSegment,
  cuts: readonly number[],
  components: ComponentLabels,
): CharacterSegment[] {
  const { box } = segment;
  const edges = [0, ...cuts, box.width];
  const pieces: CharacterSegment[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const columns = { x: box.x + edges[k], y: box.y, width: edges[k + 1] - edges[k], height: box.height };
    const tight = columns.width > 0 ? tightBox(columns, segment.labels, components) : undefined;
    if (tight !== undefined) pieces.push({ box: tight, labels: segment.labels });
  }
  return pieces;
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
