import { describe, expect, it } from 'vitest';
import type { RawImage } from '../image/raw-image';
import { areaResize } from './area-resize';
import { circlePoints, drawStrokes, type Stroke } from './draw-strokes';
import { extractInk } from './extract-ink';
import { centreOfMass } from './place';
import type { FloatPlane } from './planes';
import { preprocess } from './preprocess';

// Characters cut tight to their frame: ink runs along the border, so the border cannot tell ink
// from paper. Each picture must read as the same picture with a margin of paper around it.

const mnist = { kind: 'ink-mnist' } as const;
const input28 = { width: 28, height: 28, channels: 1 } as const;
type Style = 'dark-on-light' | 'light-on-dark';

/** Ink coverage in [0,1] of strokes drawn on a `width`×`height` canvas. */
function coverage(strokes: Stroke[], width: number, height: number): FloatPlane {
  const rgba = drawStrokes(strokes, { width, height, style: 'light-on-dark' });
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba.data[4 * i] / 255;
  return { data, width, height };
}

/** A gray image of the plane: ink dark on light paper, or light on dark. */
function grayImage(plane: FloatPlane, style: Style): RawImage {
  const data = Uint8Array.from(plane.data, (ink) => {
    const level = Math.round(ink * 255);
    return style === 'dark-on-light' ? 255 - level : level;
  });
  return { data, width: plane.width, height: plane.height, channels: 1 };
}

/** Nearest-neighbour upscaling by a whole factor (how a small cell is usually enlarged). */
function nearest(plane: FloatPlane, factor: number): FloatPlane {
  const width = plane.width * factor;
  const height = plane.height * factor;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data[y * width + x] = plane.data[Math.floor(y / factor) * plane.width + Math.floor(x / factor)];
    }
  }
  return { data, width, height };
}

/** Bilinear upscaling by a whole factor, pixel centres aligned (a smooth enlargement). */
function bilinear(plane: FloatPlane, factor: number): FloatPlane {
  const width = plane.width * factor;
  const height = plane.height * factor;
  const data = new Float32Array(width * height);
  const at = (x: number, y: number) =>
    plane.data[
      Math.min(plane.height - 1, Math.max(0, y)) * plane.width + Math.min(plane.width - 1, Math.max(0, x))
    ];
  for (let y = 0; y < height; y++) {
    const sy = (y + 0.5) / factor - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = (x + 0.5) / factor - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
      const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
      data[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { data, width, height };
}

/** Pearson correlation of two model inputs: 1 when they hold the same picture. */
function correlation(a: Float32Array, b: Float32Array): number {
  const mean = (v: Float32Array) => v.reduce((sum, x) => sum + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** Reads the picture and checks it is the reference glyph, found and centred like it. */
function expectReadLike(image: RawImage, reference: Float32Array, minCorrelation: number): Float32Array {
  const result = preprocess(image, mnist, input28);
  expect(result.empty).toBe(false);
  const centre = centreOfMass({ data: result.input, width: 28, height: 28 });
  expect(Math.abs(centre.x - 14)).toBeLessThanOrEqual(1);
  expect(Math.abs(centre.y - 14)).toBeLessThanOrEqual(1);
  expect(correlation(result.input, reference)).toBeGreaterThan(minCorrelation);
  return result.input;
}

/** Strokes of a glyph designed in a unit square, placed in a `side`-pixel box at (`left`, `top`). */
function place(unitStrokes: Stroke[], side: number, left: number, top: number): Stroke[] {
  return unitStrokes.map((stroke) => ({
    points: stroke.points.map(([x, y]) => [left + x * side, top + y * side] as const),
    width: stroke.width * side,
  }));
}

/**
 * The same picture with a margin of half its size all round, as dark ink on light paper: what the
 * border reading was made for, so its model input is the one the framed picture should give.
 */
function withMargins(plane: FloatPlane): Float32Array {
  const margin = Math.max(plane.width, plane.height) >> 1;
  const width = plane.width + 2 * margin;
  const height = plane.height + 2 * margin;
  const data = new Float32Array(width * height);
  for (let y = 0; y < plane.height; y++) {
    data.set(plane.data.subarray(y * plane.width, (y + 1) * plane.width), (y + margin) * width + margin);
  }
  return preprocess(grayImage({ data, width, height }, 'dark-on-light'), mnist, input28).input;
}

/** Checks the framed picture reads as ink of the right polarity, like the picture with margins. */
function expectFramedRead(plane: FloatPlane, style: Style, minCorrelation = 0.9): Float32Array {
  const image = grayImage(plane, style);
  expect(extractInk(image)?.polarity).toBe(style === 'dark-on-light' ? 'dark-ink' : 'light-ink');
  return expectReadLike(image, withMargins(plane), minCorrelation);
}

/** A 2 in a unit square whose strokes reach all four sides of the frame. */
const two: Stroke[] = [
  {
    points: [
      [0.08, 0.3],
      [0.3, 0.08],
      [0.7, 0.08],
      [0.92, 0.3],
      [0.85, 0.5],
      [0.08, 0.92],
      [0.95, 0.92],
    ],
    width: 0.2,
  },
];

/** The glyph drawn tight to a 160 px frame, area-reduced to a `cell`-pixel cell and binarized at ½. */
function binarizedCell(unitStrokes: Stroke[], cell: number): FloatPlane {
  const reduced = areaResize(coverage(place(unitStrokes, 160, 0, 0), 160, 160), cell, cell);
  return { ...reduced, data: Float32Array.from(reduced.data, (ink) => (ink >= 0.5 ? 1 : 0)) };
}

describe('preprocess reads characters cut tight to their frame', () => {
  it.each([
    [64, 'dark-on-light'],
    [64, 'light-on-dark'],
    [128, 'dark-on-light'],
    [128, 'light-on-dark'],
  ] as const)('a 16×16 binarized 2 upscaled to %i px with nearest neighbour, %s', (size, style) => {
    expectFramedRead(nearest(binarizedCell(two, 16), size / 16), style);
  });

  it.each(['dark-on-light', 'light-on-dark'] as const)(
    'a 16×16 binarized 2 upscaled smoothly (bilinear) to 64 px, %s',
    (style) => {
      expectFramedRead(bilinear(binarizedCell(two, 16), 4), style);
    },
  );

  // An 8×8 cell as optdigits stores it: 0..16 counts of ink pixels per 4×4 block of a 32×32
  // bitmap, ink high. Presented as a user would: 0..16 scaled to 0..255 and upscaled.
  const zero: Stroke[] = [{ points: circlePoints(0.5, 0.5, 0.36, 0.4), width: 0.22 }];
  const optdigitsCell = (): FloatPlane => {
    const bitmap = binarizedCell(zero, 32);
    const counts = areaResize(bitmap, 8, 8);
    return { ...counts, data: Float32Array.from(counts.data, (share) => Math.round(share * 16) / 16) };
  };

  it.each([
    ['nearest', 'dark-on-light'],
    ['nearest', 'light-on-dark'],
    ['bilinear', 'dark-on-light'],
    ['bilinear', 'light-on-dark'],
  ] as const)('an 8×8 optdigits-like 0 upscaled to 32 px (%s, %s) keeps its hole', (resize, style) => {
    const cell = optdigitsCell();
    const read = expectFramedRead(resize === 'nearest' ? nearest(cell, 4) : bilinear(cell, 4), style);
    expect(read[14 * 28 + 14]).toBeLessThan(0.1);
  });

  it.each(['dark-on-light', 'light-on-dark'] as const)(
    'a thick ring 0 touching all four edges keeps a hole in the middle (%s)',
    (style) => {
      const ring: Stroke[] = [{ points: circlePoints(0.5, 0.5, 0.42, 0.42), width: 0.3 }];
      const read = expectFramedRead(coverage(place(ring, 64, 0, 0), 64, 64), style);
      expect(read[14 * 28 + 14]).toBe(0);
      expect(Math.max(...read.subarray(14 * 28, 14 * 28 + 8))).toBeGreaterThan(0.5);
    },
  );

  it.each(['dark-on-light', 'light-on-dark'] as const)('a bold 8 touching all four edges (%s)', (style) => {
    const eight: Stroke[] = [
      { points: circlePoints(0.5, 0.26, 0.3, 0.24), width: 0.22 },
      { points: circlePoints(0.5, 0.74, 0.34, 0.24), width: 0.22 },
    ];
    expectFramedRead(coverage(place(eight, 100, 0, 0), 100, 100), style);
  });

  it.each(['dark-on-light', 'light-on-dark'] as const)(
    'an L drawn along two edges is the L, not the paper (%s)',
    (style) => {
      const l: Stroke[] = [
        {
          points: [
            [0, 0],
            [0, 1],
            [1, 1],
          ],
          width: 0.24,
        },
      ];
      expectFramedRead(coverage(place(l, 100, 0, 0), 100, 100), style);
    },
  );
});

describe('preprocess still finds no ink in pictures without a mark', () => {
  let seed = 99;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) / 65536;

  it('a paper texture: grain over a gentle shadow', () => {
    const data = Uint8Array.from({ length: 200 * 200 }, (_, i) =>
      Math.min(255, 150 + ((i % 200) >> 2) + Math.floor(random() * 40)),
    );
    expect(preprocess({ data, width: 200, height: 200, channels: 1 }, mnist, input28).empty).toBe(true);
  });

  it('uniform noise over the full range, whose Otsu split is as clean as noise gets', () => {
    const data = Uint8Array.from({ length: 120 * 120 }, () => Math.floor(random() * 256));
    expect(preprocess({ data, width: 120, height: 120, channels: 1 }, mnist, input28).empty).toBe(true);
  });
});
