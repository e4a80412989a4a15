import { describe, expect, it } from 'vitest';
import { circlePoints, drawStrokes, type Stroke } from '../preprocess/draw-strokes';
import { extractInk } from '../preprocess/extract-ink';
import { preprocess } from '../preprocess/preprocess';
import { preprocessSequence } from './preprocess-sequence';
import { DIGIT_SPLIT, LETTER_SPLIT, segmentLine } from './segment-characters';

const mnist = { kind: 'ink-mnist' } as const;
const input28 = { width: 28, height: 28, channels: 1 } as const;

function line(strokes: Stroke[], width = 600, height = 200) {
  const extraction = extractInk(drawStrokes(strokes, { width, height }));
  if (extraction === undefined) throw new Error('fixture has no ink');
  return extraction;
}

/** The first reading of each position: the ink taken as one character per position. */
const wholes = (extraction: ReturnType<typeof line>, split = DIGIT_SPLIT) =>
  segmentLine(extraction, split).positions.map((position) => position.readings[0][0]);

const ring = (cx: number, width = 60): Stroke => ({
  points: circlePoints(cx, 100, width / 2, 50),
  width: 10,
});
const bar = (x: number, top = 50, bottom = 150): Stroke => ({
  points: [
    [x, top],
    [x, bottom],
  ],
  width: 10,
});

describe('segmentLine', () => {
  it('orders separate characters left to right with tight boxes', () => {
    const segments = wholes(line([bar(400), ring(100), bar(250)]));
    expect(segments.map((s) => s.box.x + s.box.width / 2)).toEqual(
      [100, 250, 400].map((x) => expect.closeTo(x, 0)),
    );
    expect(segments[0].box.height).toBeGreaterThan(100);
  });

  it('attaches the dot of an i and the detached bar of a 5 to their characters', () => {
    const i: Stroke[] = [bar(100, 80, 150), { points: [[100, 50]], width: 12 }];
    const five: Stroke[] = [
      {
        points: [
          [250, 62],
          [250, 95],
          [280, 90],
          [300, 115],
          [290, 145],
          [245, 150],
        ],
        width: 10,
      },
      {
        points: [
          [256, 45],
          [305, 45],
        ],
        width: 10,
      },
    ];
    const segments = wholes(line([...i, ...five]));
    expect(segments.map((s) => s.labels.length)).toEqual([2, 2]);
  });

  it('keeps slightly overlapping neighbours apart, and offers heavily overlapping ones joined', () => {
    // Two rings whose x-ranges overlap by 10 of 68 px (one higher than the other): two characters.
    const high: Stroke = { points: circlePoints(100, 60, 30, 40), width: 8 };
    const low: Stroke = { points: circlePoints(150, 150, 30, 40), width: 8 };
    const apart = segmentLine(line([high, low], 400, 220), DIGIT_SPLIT);
    expect(apart.positions).toHaveLength(2);
    expect(apart.joins).toEqual([]);
    // A stroke broken in two where it crosses itself: the pieces overlap most of their width.
    const broken = segmentLine(
      line(
        [
          bar(100, 40, 100),
          {
            points: [
              [90, 110],
              [110, 180],
            ],
            width: 10,
          },
        ],
        300,
        220,
      ),
      DIGIT_SPLIT,
    );
    expect(broken.positions).toHaveLength(2);
    expect(broken.joins).toHaveLength(1);
    expect(broken.joins[0].segment.labels).toHaveLength(2);
  });

  it('offers touching characters cut where they meet', () => {
    // 0 and 0 touching: one component about twice as wide as a digit.
    const extraction = line([ring(100), ring(158)]);
    expect(extraction.strokes).toHaveLength(1);
    const [position] = segmentLine(extraction, DIGIT_SPLIT).positions;
    const cuts = position.readings
      .filter((reading) => reading.length === 2)
      .map((pair) => pair[0].box.x + pair[0].box.width);
    expect(cuts.some((cut) => cut > 120 && cut < 140)).toBe(true);
  });

  it('offers no cuts for a narrow character, nor for a letter as wide as an m', () => {
    expect(segmentLine(line([bar(100)]), DIGIT_SPLIT).positions[0].readings).toHaveLength(1);
    const m: Stroke = {
      points: [
        [60, 150],
        [60, 70],
        [100, 60],
        [120, 150],
        [130, 60],
        [160, 65],
        [165, 150],
      ],
      width: 10,
    };
    expect(segmentLine(line([m]), LETTER_SPLIT).positions[0].readings).toHaveLength(1);
  });

  it('offers a 1 touching a 7 cut where they meet, though together they are narrower than a 0', () => {
    // A 1 and a 7 whose bar reaches back to the 1: one component about 0.65 line heights wide.
    const seven: Stroke = {
      points: [
        [95, 52],
        [150, 52],
        [125, 150],
      ],
      width: 10,
    };
    const extraction = line([bar(100), seven]);
    expect(extraction.strokes).toHaveLength(1);
    const [position] = segmentLine(extraction, DIGIT_SPLIT).positions;
    const cuts = position.readings
      .filter((reading) => reading.length === 2)
      .map((pair) => pair[0].box.x + pair[0].box.width);
    expect(cuts.some((cut) => cut > 104 && cut < 112)).toBe(true);
  });

  it('offers runs of three touching digits cut in three, sharing pieces between readings', () => {
    const extraction = line([ring(100), ring(158), ring(216)]);
    expect(extraction.strokes).toHaveLength(1);
    const [position] = segmentLine(extraction, DIGIT_SPLIT).positions;
    const threes = position.readings.filter((reading) => reading.length === 3);
    expect(threes.length).toBeGreaterThan(0);
    const middles = threes.map((reading) => reading[1]);
    expect(middles.some((piece) => Math.abs(piece.box.x + piece.box.width / 2 - 158) < 6)).toBe(true);
    const pieces = position.readings.flat();
    expect(new Set(pieces).size).toBeLessThan(pieces.length);
  });
});

describe('preprocessSequence', () => {
  it('prepares each character exactly as preprocess prepares it alone', () => {
    const strokes = [ring(100), bar(250)];
    const sequence = preprocessSequence(drawStrokes(strokes, { width: 600, height: 200 }), mnist, input28);
    expect(sequence.empty).toBe(false);
    const alone = preprocess(drawStrokes([bar(250)], { width: 600, height: 200 }), mnist, input28);
    expect([...sequence.positions[1].readings[0][0].input]).toEqual([...alone.input]);
  });

  it('reports boxes and widths in image pixels when a large image was worked on reduced', () => {
    const big = drawStrokes([bar(150, 60, 260), bar(600, 60, 260)], { width: 800, height: 320 });
    const sequence = preprocessSequence(big, mnist, input28);
    const boxes = sequence.positions.map((position) => position.readings[0][0].box);
    expect(boxes.map((box) => box.x + box.width / 2)).toEqual([
      expect.closeTo(150, -1),
      expect.closeTo(600, -1),
    ]);
    expect(boxes[0].height).toBeGreaterThan(190);
    expect(sequence.typicalWidth).toBeGreaterThan(100);
  });

  it('reports an empty page as empty and refuses photo models', () => {
    const page = drawStrokes([], { width: 300, height: 100 });
    expect(preprocessSequence(page, mnist, input28)).toEqual({
      empty: true,
      positions: [],
      joins: [],
      typicalWidth: 0,
      lineHeight: 0,
    });
    expect(() => preprocessSequence(page, { kind: 'photo' }, input28)).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE' }),
    );
  });
});
