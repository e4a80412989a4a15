import { describe, expect, it } from 'vitest';
import { circlePoints, drawStrokes } from '../preprocess/draw-strokes';
import { extractInk } from '../preprocess/extract-ink';
import { measureSeam } from './cut-seam';
import { DIGIT_SPLIT, segmentLine } from './segment-characters';
import { splitCandidates } from './split-wide';

/** Two rings (a touching "00") drawn as one run of ink. */
function touchingZeros() {
  const ring = (cx: number) => ({ points: circlePoints(cx, 100, 30, 60), width: 10 });
  const extraction = extractInk(drawStrokes([ring(100), ring(168)], { width: 300, height: 200 }));
  if (extraction === undefined) throw new Error('fixture has no ink');
  const line = segmentLine(extraction, DIGIT_SPLIT);
  expect(line.positions).toHaveLength(1);
  return { extraction, segment: line.positions[0].readings[0][0] };
}

function projection(
  extraction: NonNullable<ReturnType<typeof extractInk>>,
  segment: { box: { x: number; y: number; width: number; height: number } },
) {
  const sums = new Float64Array(segment.box.width);
  for (let y = segment.box.y; y < segment.box.y + segment.box.height; y++) {
    for (let x = 0; x < segment.box.width; x++)
      sums[x] += extraction.ink.data[y * extraction.ink.width + segment.box.x + x];
  }
  return sums;
}

describe('measureSeam', () => {
  it('finds one thin stroke where two characters touch and two strokes through a loop', () => {
    const { extraction, segment } = touchingZeros();
    const columns = projection(extraction, segment);
    const touch = 134 - segment.box.x;
    const throughLoop = 100 - segment.box.x;
    const atTouch = measureSeam(segment, touch, columns, extraction.ink, extraction.components);
    const inLoop = measureSeam(segment, throughLoop, columns, extraction.ink, extraction.components);
    expect(atTouch.strokes).toBe(1);
    expect(inLoop.strokes).toBe(2);
  });

  it("measures a column's ink against the mean inked column", () => {
    const { extraction, segment } = touchingZeros();
    const columns = projection(extraction, segment);
    const shares = [...columns.keys()]
      .filter((x) => columns[x] > 0)
      .map((x) => measureSeam(segment, x, columns, extraction.ink, extraction.components).inkShare);
    expect(shares.reduce((total, share) => total + share, 0) / shares.length).toBeCloseTo(1, 6);
    expect(Math.min(...shares)).toBeGreaterThan(0);
  });

  it('is carried by the pieces cut out of a wide run', () => {
    const { extraction, segment } = touchingZeros();
    const line = segmentLine(extraction, DIGIT_SPLIT);
    const readings = splitCandidates(segment, extraction.ink, extraction.components, line, DIGIT_SPLIT);
    expect(readings.length).toBeGreaterThan(0);
    for (const reading of readings) {
      expect(reading[0].seams).toHaveLength(1);
      expect(reading[reading.length - 1].seams).toHaveLength(1);
      for (const piece of reading.slice(1, -1)) expect(piece.seams).toHaveLength(2);
    }
  });
});
