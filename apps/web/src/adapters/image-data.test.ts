import { describe, expect, it } from 'vitest';
import { imageDataToRawImage } from './image-data';

describe('imageDataToRawImage', () => {
  it('passes the RGBA pixels through as a four-channel RawImage', () => {
    const data = new Uint8ClampedArray([1, 2, 3, 4, 5, 6, 7, 8]);
    const image = imageDataToRawImage({ data, width: 2, height: 1 });
    expect(image).toEqual({ data, width: 2, height: 1, channels: 4 });
    expect(image.data).toBe(data);
  });
});
