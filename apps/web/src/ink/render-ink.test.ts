import { describe, expect, it } from 'vitest';
import { rasterSize, recognitionSidePx } from './rasterize-ink';
import { widthAt } from './render-ink';

describe('stroke width', () => {
  it('follows pen pressure around the nominal width, and ignores it for mouse and touch', () => {
    const pen = { points: [], widthPx: 20, usesPressure: true };
    expect(widthAt(pen, { x: 0, y: 0, pressure: 0.5 })).toBeCloseTo(20);
    expect(widthAt(pen, { x: 0, y: 0, pressure: 1 })).toBeCloseTo(32);
    expect(widthAt(pen, { x: 0, y: 0, pressure: 0 })).toBeCloseTo(8);
    expect(widthAt({ ...pen, usesPressure: false }, { x: 0, y: 0, pressure: 1 })).toBe(20);
  });
});

describe('rasterSize', () => {
  it('shrinks large surfaces to the recognition size, keeping the aspect ratio', () => {
    expect(rasterSize({ width: 560, height: 560 })).toEqual({
      width: recognitionSidePx,
      height: recognitionSidePx,
      scale: 0.5,
    });
    expect(rasterSize({ width: 560, height: 280 })).toEqual({ width: 280, height: 140, scale: 0.5 });
  });

  it('never enlarges a small surface and never returns zero pixels', () => {
    expect(rasterSize({ width: 200, height: 100 })).toEqual({ width: 200, height: 100, scale: 1 });
    expect(rasterSize({ width: 0, height: 0 })).toMatchObject({ width: 1, height: 1 });
  });
});
