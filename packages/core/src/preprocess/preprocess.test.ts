import { describe, expect, it } from 'vitest';
import { isGlyphError } from '../errors/glyph-error';
import type { RawImage } from '../image/raw-image';
import type { PreprocessingSpec } from '../model/metadata';
import { centreOfMass } from './place';
import { drawStrokes, type Stroke } from './draw-strokes';
import { preprocess } from './preprocess';

const mnist = { kind: 'ink-mnist' } as const;
const emnist = { kind: 'ink-emnist' } as const;
const input28 = { width: 28, height: 28, channels: 1 } as const;

/** A 7 drawn with a pen of `pen` px, its top-left corner at (x, y), `size` px tall. */
function seven(x: number, y: number, size: number, pen: number): Stroke[] {
  return [
    {
      points: [
        [x, y],
        [x + size * 0.6, y],
        [x + size * 0.2, y + size],
      ],
      width: pen,
    },
  ];
}

function canvas(
  strokes: Stroke[],
  style?: 'dark-on-light' | 'light-on-dark' | 'transparent',
  size = 280,
): RawImage {
  return drawStrokes(strokes, { width: size, height: size, style });
}

/** Bounding box of samples above `threshold` in a 28×28 input. */
function inkBox(input: Float32Array, threshold = 0.05): { width: number; height: number } {
  let minX = 28,
    minY = 28,
    maxX = -1,
    maxY = -1;
  input.forEach((value, i) => {
    if (value <= threshold) return;
    const x = i % 28,
      y = Math.floor(i / 28);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  });
  return { width: maxX - minX + 1, height: maxY - minY + 1 };
}

function meanSquaredDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum / a.length;
}

describe('preprocess ink-mnist', () => {
  it('scales the longer side to 20 px and puts the centre of mass at the field centre', () => {
    const result = preprocess(canvas(seven(40, 30, 200, 16)), mnist, input28);
    expect(result.empty).toBe(false);
    expect(result.input).toHaveLength(784);
    expect(inkBox(result.input, 0).height).toBe(20);
    const centre = centreOfMass({ data: result.input, width: 28, height: 28 });
    expect(Math.abs(centre.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(centre.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...result.input)).toBe(1);
  });

  it('gives the same bytes wherever the drawing sits on the canvas', () => {
    const a = preprocess(canvas(seven(10, 10, 120, 12)), mnist, input28).input;
    const b = preprocess(canvas(seven(150, 140, 120, 12)), mnist, input28).input;
    expect([...b]).toEqual([...a]);
  });

  it('reads dark ink on white, white ink on black and ink on a transparent canvas alike', () => {
    const strokes = seven(60, 40, 180, 14);
    const onWhite = preprocess(canvas(strokes, 'dark-on-light'), mnist, input28).input;
    expect([...preprocess(canvas(strokes, 'transparent'), mnist, input28).input]).toEqual([...onWhite]);
    // Inverting moves integer rounding of the reduced image by at most one level.
    const onBlack = preprocess(canvas(strokes, 'light-on-dark'), mnist, input28).input;
    expect(Math.max(...onBlack.map((value, i) => Math.abs(value - onWhite[i])))).toBeLessThan(0.02);
  });

  it('keeps the aspect ratio of a tall thin stroke', () => {
    const one = preprocess(
      canvas([
        {
          points: [
            [140, 20],
            [140, 260],
          ],
          width: 14,
        },
      ]),
      mnist,
      input28,
    ).input;
    const box = inkBox(one);
    expect(box.height).toBe(20);
    expect(box.width).toBeLessThanOrEqual(3);
  });

  it('looks alike at different drawing sizes and pen widths once normalised', () => {
    const small = preprocess(canvas(seven(100, 100, 90, 7)), mnist, input28).input;
    const large = preprocess(canvas(seven(20, 20, 240, 18)), mnist, input28).input;
    expect(meanSquaredDifference(small, large)).toBeLessThan(0.01);
  });

  it('ignores specks away from the writing', () => {
    const clean = preprocess(canvas(seven(60, 60, 150, 14)), mnist, input28).input;
    const specks: Stroke[] = [
      [10, 10],
      [270, 20],
      [20, 265],
      [260, 260],
    ].map(([x, y]) => ({ points: [[x, y]], width: 2 }));
    const dusty = preprocess(canvas([...seven(60, 60, 150, 14), ...specks]), mnist, input28).input;
    expect([...dusty]).toEqual([...clean]);
  });

  it('repeats one channel three times for a colour model', () => {
    const image = canvas(seven(60, 60, 150, 14));
    const gray = preprocess(image, mnist, input28).input;
    const rgb = preprocess(image, mnist, { width: 28, height: 28, channels: 3 }).input;
    expect(rgb).toHaveLength(784 * 3);
    expect([rgb[3 * 400], rgb[3 * 400 + 1], rgb[3 * 400 + 2]]).toEqual([gray[400], gray[400], gray[400]]);
  });
});

/**
 * A 60×60 gray picture shaped like the alphabet dataset's: each glyph stretched to fill its frame
 * (4 px margin, a 7 px soft edge at the sides), so an l is a solid block and an i a block under a
 * bar. Ink covers 60–75% of the picture, yet background surrounds it.
 */
function stretchedGlyph(...bands: [number, number][]): RawImage {
  const data = new Uint8Array(60 * 60).fill(255);
  for (const [top, bottom] of bands) {
    for (let y = top; y <= bottom; y++) {
      for (let x = 4; x <= 55; x++) {
        const coverage = Math.min(1, (Math.min(x - 4, 55 - x) + 1) / 7);
        data[y * 60 + x] = Math.round(255 * (1 - coverage));
      }
    }
  }
  return { data, width: 60, height: 60, channels: 1 };
}

/** Row bands of a 28×28 input holding ink above `threshold`, top to bottom, as [first, last] rows. */
function inkRowBands(input: Float32Array, threshold = 0.5): [number, number][] {
  const bands: [number, number][] = [];
  for (let y = 0; y < 28; y++) {
    if (!input.subarray(y * 28, y * 28 + 28).some((value) => value > threshold)) continue;
    const last = bands[bands.length - 1];
    if (last !== undefined && last[1] === y - 1) last[1] = y;
    else bands.push([y, y]);
  }
  return bands;
}

describe('preprocess with ink filling its frame or touching the border', () => {
  const l = stretchedGlyph([5, 55]);
  const i = stretchedGlyph([5, 11], [18, 55]);

  it.each([mnist, emnist])('reads a solid l and i stretched to their frame (%o)', (spec) => {
    for (const image of [l, i]) expect(preprocess(image, spec, input28).empty).toBe(false);
    expect(inkRowBands(preprocess(l, spec, input28).input)).toHaveLength(1);
  });

  it.each([mnist, emnist])('keeps the dot of an i that is thinner than its stem (%o)', (spec) => {
    // Shorter than `i` so that ink covers under 60%: this dot was lost to erosion, not to coverage.
    const shortI = stretchedGlyph([5, 11], [18, 48]);
    for (const image of [i, shortI]) {
      const [dot, stem] = inkRowBands(preprocess(image, spec, input28).input);
      expect(stem[1] - stem[0]).toBeGreaterThan(dot[1] - dot[0]);
      expect(dot[1] - dot[0]).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps the small dot of a thin-pen j above its long stem', () => {
    const j: Stroke[] = [
      {
        points: [
          [160, 100],
          [160, 250],
          [120, 270],
          [90, 240],
        ],
        width: 4,
      },
      { points: [[160, 60]], width: 4 },
    ];
    // The dot is under 2% of the j's ink, the share below which a mark may be a speck, but it is over the stem.
    expect(inkRowBands(preprocess(canvas(j), mnist, input28).input)).toHaveLength(2);
  });

  it('reads a bar touching the top and bottom edges in every style', () => {
    const bar: Stroke[] = [
      {
        points: [
          [140, -10],
          [140, 290],
        ],
        width: 14,
      },
    ];
    const onWhite = preprocess(canvas(bar), mnist, input28);
    expect(onWhite.empty).toBe(false);
    expect(inkBox(onWhite.input).height).toBe(20);
    expect(inkBox(onWhite.input).width).toBeLessThanOrEqual(3);
    for (const style of ['light-on-dark', 'transparent'] as const) {
      const other = preprocess(canvas(bar, style), mnist, input28).input;
      expect(Math.max(...other.map((value, k) => Math.abs(value - onWhite.input[k])))).toBeLessThan(0.02);
    }
  });

  it('reads a character cut by the left edge without losing the cut stroke', () => {
    const four: Stroke[] = [
      {
        points: [
          [0, 40],
          [0, 160],
          [140, 160],
        ],
        width: 20,
      },
      {
        points: [
          [100, 40],
          [100, 260],
        ],
        width: 20,
      },
    ];
    const result = preprocess(canvas(four), mnist, input28);
    expect(result.empty).toBe(false);
    expect(inkBox(result.input).height).toBe(20);
    expect(inkBox(result.input).width).toBeGreaterThanOrEqual(12);
  });

  it('reads an L drawn along two edges as the L, not the paper (half the border is ink)', () => {
    const corner: Stroke[] = [
      {
        points: [
          [0, 0],
          [0, 279],
          [279, 279],
        ],
        width: 30,
      },
    ];
    const result = preprocess(canvas(corner), mnist, input28);
    expect(result.empty).toBe(false);
    expect(inkBox(result.input).height).toBe(20);
    // The L, not the paper around it: its bottom row is a long bar, its top row the stem alone.
    const rows = inkRowBands(result.input, 0.05);
    expect(rows).toHaveLength(1);
    const bottomRow = result.input.subarray(rows[0][1] * 28, rows[0][1] * 28 + 28);
    const topRow = result.input.subarray(rows[0][0] * 28, rows[0][0] * 28 + 28);
    expect(bottomRow.filter((value) => value > 0.5).length).toBeGreaterThan(12);
    expect(topRow.filter((value) => value > 0.5).length).toBeLessThan(6);
  });
});

describe('preprocess ink-emnist', () => {
  it('fills 24 of 28 pixels with the character, centred by its box, softened by the blur', () => {
    const result = preprocess(canvas(seven(40, 30, 200, 16)), emnist, input28);
    const box = inkBox(result.input, 0.1);
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeLessThanOrEqual(26);
    const gray = result.input.filter((value) => value > 0.05 && value < 0.95).length;
    const mnistGray = preprocess(canvas(seven(40, 30, 200, 16)), mnist, input28).input.filter(
      (v) => v > 0.05 && v < 0.95,
    ).length;
    expect(gray).toBeGreaterThan(mnistGray);
  });
});

describe('preprocess without writing', () => {
  const blank = (width: number, height: number, value: number, alpha = 255): RawImage => {
    const data = new Uint8ClampedArray(width * height * 4).fill(value);
    for (let i = 3; i < data.length; i += 4) data[i] = alpha;
    return { data, width, height, channels: 4 };
  };
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
  const noise: RawImage = {
    data: Uint8Array.from({ length: 200 * 200 }, random),
    width: 200,
    height: 200,
    channels: 1,
  };

  it.each([
    ['all white', blank(280, 280, 255)],
    ['all black', blank(280, 280, 0)],
    ['fully transparent', blank(280, 280, 0, 0)],
    ['zero-size', { data: new Uint8Array(0), width: 0, height: 0, channels: 1 } as RawImage],
    ['zero-height', { data: new Uint8Array(0), width: 12, height: 0, channels: 3 } as RawImage],
    ['1×1 black', { data: Uint8Array.of(0), width: 1, height: 1, channels: 1 } as RawImage],
    ['1×5000 line', { data: new Uint8Array(5000), width: 5000, height: 1, channels: 1 } as RawImage],
    ['uniform noise', noise],
    ['a single tap', canvas([{ points: [[140, 140]], width: 4 }])],
  ])('%s → no ink, never a guess', (_name, image) => {
    const result = preprocess(image, mnist, input28);
    expect(result.empty).toBe(true);
    expect(result.input).toHaveLength(784);
    expect(result.input.every((value) => value === 0)).toBe(true);
  });

  it('still reads a stroke on a very wide strip', () => {
    const strip = drawStrokes(
      [
        {
          points: [
            [100, 20],
            [900, 20],
          ],
          width: 10,
        },
      ],
      { width: 1000, height: 40 },
    );
    const result = preprocess(strip, mnist, input28);
    expect(result.empty).toBe(false);
    expect(inkBox(result.input).width).toBe(20);
  });

  it('rejects inconsistent image fields with BAD_USAGE', () => {
    const attempt = () =>
      preprocess({ data: new Uint8Array(10), width: 4, height: 4, channels: 1 }, mnist, input28);
    expect(attempt).toThrow(expect.objectContaining({ code: 'BAD_USAGE' }));
    try {
      preprocess({ data: new Uint8Array(4), width: 2, height: 2, channels: 2 as 1 }, mnist, input28);
    } catch (error) {
      expect(isGlyphError(error) && error.code).toBe('BAD_USAGE');
    }
  });
});

describe('preprocess photo', () => {
  it('centre-crops to the input aspect ratio, resizes by area and normalises per channel', () => {
    // 4×2 RGB: left and right columns red (cropped away), middle 2×2 block gray 51.
    const data = new Uint8Array(4 * 2 * 3);
    for (let p = 0; p < 8; p++) {
      const x = p % 4;
      data.set(x === 0 || x === 3 ? [255, 0, 0] : [51, 51, 51], p * 3);
    }
    const spec: PreprocessingSpec = { kind: 'photo', mean: [0.1, 0.2, 0.3], std: [0.5, 0.5, 0.5] };
    const result = preprocess({ data, width: 4, height: 2, channels: 3 }, spec, {
      width: 1,
      height: 1,
      channels: 3,
    });
    expect(result.empty).toBe(false);
    expect([...result.input].map((v) => v.toFixed(4))).toEqual(['0.2000', '0.0000', '-0.2000']);
  });

  it('treats a zero-size photo as empty and refuses a zero std', () => {
    const spec = { kind: 'photo' } as const;
    expect(
      preprocess({ data: new Uint8Array(0), width: 0, height: 5, channels: 3 }, spec, input28).empty,
    ).toBe(true);
    const bad: PreprocessingSpec = { kind: 'photo', std: [0] };
    expect(() =>
      preprocess({ data: new Uint8Array(3), width: 1, height: 1, channels: 3 }, bad, input28),
    ).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
  });
});
