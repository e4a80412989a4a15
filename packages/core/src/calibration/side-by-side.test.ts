import { describe, expect, it } from 'vitest';
import { circlePoints, drawStrokes, type Stroke } from '../preprocess/draw-strokes';
import { countSideBySide } from './side-by-side';

const page = (strokes: Stroke[], width = 400) => drawStrokes(strokes, { width, height: 280 });
const pen = 14;
/** A 4 in two strokes (an open angle and a stem that crosses it) with its left edge at `x`. */
const four = (x: number): Stroke[] => [
  {
    points: [
      [x + 60, 50],
      [x, 170],
      [x + 90, 170],
    ],
    width: pen,
  },
  {
    points: [
      [x + 70, 90],
      [x + 70, 240],
    ],
    width: pen,
  },
];
/** A 2 in one stroke. */
const two = (x: number): Stroke => ({
  points: [
    [x, 80],
    [x + 40, 50],
    [x + 80, 80],
    [x + 70, 130],
    [x, 230],
    [x + 90, 230],
  ],
  width: pen,
});

describe('countSideBySide', () => {
  it('counts "42" written apart as two characters', () => {
    expect(countSideBySide(page([...four(40), two(220)]))).toBe(2);
  });

  it('counts a character of several strokes as one', () => {
    expect(countSideBySide(page(four(150)))).toBe(1);
  });

  it('counts an i (stem and dot) as one, and a stray dot beside a character not at all', () => {
    const stem: Stroke = {
      points: [
        [200, 110],
        [200, 240],
      ],
      width: pen,
    };
    const dot: Stroke = { points: [[200, 70]], width: pen + 4 };
    expect(countSideBySide(page([stem, dot]))).toBe(1);
    const speck: Stroke = { points: [[330, 235]], width: pen };
    expect(countSideBySide(page([two(100), speck]))).toBe(1);
  });

  it('counts two rings as two and nothing on a blank page as zero', () => {
    const ring = (cx: number): Stroke => ({ points: circlePoints(cx, 140, 50, 80), width: pen });
    expect(countSideBySide(page([ring(110), ring(270)]))).toBe(2);
    expect(countSideBySide(page([]))).toBe(0);
  });
});
