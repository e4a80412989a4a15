import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/seeded-random';
import { drawStrokes } from '../../preprocess/draw-strokes';
import { preprocess } from '../../preprocess/preprocess';
import { simplifyPolyline } from './simplify-polyline';
import { addEuropeanVariant } from './style-variants';
import { styleAugmenter, traceCharacter } from './style-augmenter';
import { thinStrokes } from './thin-strokes';

const input = { width: 28, height: 28, channels: 1 as const };
const shape = { width: 28, height: 28, channels: 1 };

/** A digit as the model sees it: strokes drawn on a canvas, then Glyph's own preprocess. */
function modelInput(lines: { x: number; y: number }[][]): Uint8Array {
  const strokes = lines.map((line) => ({ points: line.map((p) => [p.x, p.y] as const), width: 14 }));
  const canvas = drawStrokes(strokes, { width: 200, height: 200 });
  const { input: floats } = preprocess(canvas, { kind: 'ink-mnist' }, input);
  return Uint8Array.from(floats, (v) => Math.round(v * 255));
}

const seven = [
  [
    { x: 50, y: 40 },
    { x: 150, y: 40 },
    { x: 90, y: 170 },
  ],
];
const ring = [
  Array.from({ length: 33 }, (_, k) => ({
    x: 100 + 60 * Math.cos((k * Math.PI) / 16),
    y: 100 + 70 * Math.sin((k * Math.PI) / 16),
  })),
];

function inkBox(image: ArrayLike<number>): { width: number; height: number } {
  let [left, top, right, bottom] = [28, 28, -1, -1];
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++)
      if (image[y * 28 + x] > 0.2)
        [left, top, right, bottom] = [
          Math.min(left, x),
          Math.min(top, y),
          Math.max(right, x),
          Math.max(bottom, y),
        ];
  return { width: right - left + 1, height: bottom - top + 1 };
}

describe('thinStrokes', () => {
  it('reduces a thick bar to a one-pixel line of the same length', () => {
    const binary = new Uint8Array(20 * 20);
    for (let y = 8; y < 13; y++) for (let x = 3; x < 17; x++) binary[y * 20 + x] = 1;
    const thin = thinStrokes(binary, 20, 20);
    let rows = 0;
    for (let y = 0; y < 20; y++) if (thin.subarray(y * 20, y * 20 + 20).some((v) => v === 1)) rows++;
    expect(rows).toBe(1);
    expect(thin.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(8);
  });
});

describe('traceCharacter', () => {
  it('follows a drawn 7 into lines that cover its strokes, and a ring into a closed loop', () => {
    const lines = traceCharacter(modelInput(seven), 28, 28);
    const points = lines.flat();
    expect(points.length).toBeGreaterThan(20);
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(14);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(8);
    const loop = traceCharacter(modelInput(ring), 28, 28);
    const longest = loop.reduce((a, b) => (b.length > a.length ? b : a));
    const [first, last] = [longest[0], longest[longest.length - 1]];
    expect(Math.hypot(first.x - last.x, first.y - last.y)).toBeLessThanOrEqual(1.5);
  });
});

describe('simplifyPolyline', () => {
  it('keeps corners and drops points on straight runs', () => {
    const line = [
      ...Array.from({ length: 10 }, (_, x) => ({ x, y: 0 })),
      ...Array.from({ length: 10 }, (_, y) => ({ x: 9, y: y + 1 })),
    ];
    expect(simplifyPolyline(line, 0.5)).toEqual([
      { x: 0, y: 0 },
      { x: 9, y: 0 },
      { x: 9, y: 10 },
    ]);
  });
});

describe('addEuropeanVariant', () => {
  const stem = [
    [
      { x: 14, y: 4 },
      { x: 14, y: 24 },
    ],
  ];
  it('gives some 1s a lead-in stroke and some 7s a crossbar, and leaves other classes alone', () => {
    const random = mulberry32(3);
    let ones = 0;
    let sevens = 0;
    for (let k = 0; k < 200; k++) {
      if (addEuropeanVariant(stem, '1', random).length > 1) ones++;
      if (addEuropeanVariant(stem, '7', random).length > 1) sevens++;
      expect(addEuropeanVariant(stem, '4', random)).toBe(stem);
    }
    expect(ones).toBeGreaterThan(40);
    expect(ones).toBeLessThan(110);
    expect(sevens).toBeGreaterThan(30);
  });
  it('starts the lead-in at the top of the stroke and runs it down to the left', () => {
    const random = () => 0.1;
    const [, leadIn] = addEuropeanVariant(stem, '1', random);
    expect(leadIn[1]).toEqual({ x: 14, y: 4 });
    expect(leadIn[0].x).toBeLessThan(14);
    expect(leadIn[0].y).toBeGreaterThan(4);
  });
});

describe('styleAugmenter', () => {
  const source = modelInput(seven);
  it('is reproducible from its seed and writes a laid-out character in [0,1]', () => {
    const augment = styleAugmenter({ kind: 'ink-mnist', input, probability: 1 });
    const a = new Float32Array(784);
    const b = new Float32Array(784);
    augment(source, a, shape, mulberry32(9), '7');
    augment(source, b, shape, mulberry32(9), '7');
    expect(a).toEqual(b);
    expect(Math.max(...a)).toBeCloseTo(1, 5);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    // Laid out by the MNIST recipe: the longer side of the ink box is about 20 pixels.
    const box = inkBox(a);
    expect(Math.max(box.width, box.height)).toBeGreaterThanOrEqual(18);
    expect(Math.max(box.width, box.height)).toBeLessThanOrEqual(22);
  });
  it('draws varied hands: different seeds give different images, some much narrower than the source', () => {
    const augment = styleAugmenter({ kind: 'ink-mnist', input, probability: 1 });
    const sourceBox = inkBox(Float32Array.from(source, (v) => v / 255));
    const ratios: number[] = [];
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const out = new Float32Array(784);
      augment(source, out, shape, mulberry32(seed), '7');
      seen.add(Array.from(out.subarray(300, 500), (v) => Math.round(v * 4)).join(''));
      const box = inkBox(out);
      ratios.push(box.width / box.height / (sourceBox.width / sourceBox.height));
    }
    expect(seen.size).toBeGreaterThan(35);
    expect(Math.min(...ratios)).toBeLessThan(0.7);
  });
  it('hands images it cannot trace, and colour images, to the character augmenter', () => {
    const augment = styleAugmenter({ kind: 'ink-mnist', input, probability: 1 });
    const blank = new Uint8Array(784);
    const out = new Float32Array(784).fill(7);
    augment(blank, out, shape, mulberry32(1), '1');
    expect(Math.max(...out)).toBe(0);
  });
});
