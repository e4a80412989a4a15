import { describe, expect, it } from 'vitest';
import { grayPixels } from './gray-pixels';

describe('grayPixels', () => {
  it('reads black ink as 0, white paper as 255 and transparent pixels as paper', () => {
    const data = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 255, 0, 0, 255]);
    expect(Array.from(grayPixels({ data, width: 2, height: 2 }))).toEqual([0, 255, 255, 76]);
  });
});
