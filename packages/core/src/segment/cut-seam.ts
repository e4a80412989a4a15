import type { ComponentLabels } from '../preprocess/label-components';
import type { GrayImage } from '../preprocess/planes';
import type { CharacterSegment, CutSeam } from './character-segment';

/** Ink at or above this strength (of 255) counts as stroke when counting the runs a cut crosses. */
const STROKE_LEVEL = 128;

/**
 * What a cut at `column` (relative to the segment's box) passes through: how many separate strokes,
 * and how much ink compared with the segment's typical inked column (`projection`, see `columnInk`).
 * Two digits touching meet in one thin stroke; a cut through one digit's loop crosses two.
 */
export function measureSeam(
  segment: CharacterSegment,
  column: number,
  projection: Float64Array,
  ink: GrayImage,
  components: ComponentLabels,
): CutSeam {
  const { box } = segment;
  const own = new Set(segment.labels);
  let strokes = 0;
  let inside = false;
  for (let y = box.y; y < box.y + box.height; y++) {
    const index = y * ink.width + box.x + column;
    const stroke = ink.data[index] >= STROKE_LEVEL && own.has(components.labels[index]);
    if (stroke && !inside) strokes++;
    inside = stroke;
  }
  return { strokes, inkShare: projection[column] / meanInkedColumn(projection) };
}

function meanInkedColumn(projection: Float64Array): number {
  let total = 0;
  let inked = 0;
  for (const value of projection) {
    if (value <= 0) continue;
    total += value;
    inked++;
  }
  return inked === 0 ? 1 : total / inked;
}
