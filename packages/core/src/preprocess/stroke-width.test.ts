import { describe, expect, it } from 'vitest';
import { cropInk } from './crop-ink';
import { drawStrokes } from './draw-strokes';
import { extractInk } from './extract-ink';
import { normalizeStrokeWidth } from './ink-recipes';
import { dilate, erode, strokeWidth } from './stroke-width';

/** The cropped ink of a 7-like stroke drawn with a pen of `pen` pixels on a 280 canvas. */
function sevenCrop(pen: number) {
  const image = drawStrokes(
    [
      {
        points: [
          [60, 40],
          [200, 40],
          [100, 240],
        ],
        width: pen,
      },
    ],
    { width: 280, height: 280 },
  );
  const extraction = extractInk(image)!;
  return cropInk(extraction.ink, extraction.box);
}

describe('strokeWidth', () => {
  it('measures the pen width of straight strokes (ends count as edge, so slightly under)', () => {
    const bar = { data: new Float32Array(40 * 40), width: 40, height: 40 };
    for (let y = 5; y < 35; y++) for (let x = 10; x < 16; x++) bar.data[y * 40 + x] = 1;
    // 6×30: area 180, boundary 2·30 + 2·4 = 68.
    expect(strokeWidth(bar)).toBeCloseTo((2 * 180) / 68, 6);
  });

  it('dilates and erodes by whole pixels with an octagonal pen', () => {
    const dot = { data: new Float32Array(49), width: 7, height: 7 };
    dot.data[24] = 1;
    const grown = dilate(dot, 2);
    expect(grown.data.filter((v) => v === 1).length).toBe(21);
    expect(erode(grown, 2).data.filter((v) => v === 1).length).toBe(1);
  });
});

describe('normalizeStrokeWidth', () => {
  it('brings a fat marker and a hairline into MNIST’s range of pen widths at 4× the 20-px box', () => {
    for (const pen of [3, 40]) {
      const width = strokeWidth(normalizeStrokeWidth(sevenCrop(pen), 80));
      expect(width).toBeGreaterThanOrEqual(2.2 * 4 - 2);
      expect(width).toBeLessThanOrEqual(4.0 * 4 + 2);
    }
  });

  it('leaves a stroke already in range as resampled', () => {
    const crop = sevenCrop(12);
    const before = strokeWidth(normalizeStrokeWidth(crop, 80));
    expect(before).toBeGreaterThan(8.8);
    expect(before).toBeLessThan(16);
  });
});
