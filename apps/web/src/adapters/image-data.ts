import type { RawImage } from '@glyph/core';

/** The fields of a canvas `ImageData` this adapter reads (also satisfied by a plain object in tests). */
export interface ImageDataLike {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/**
 * A canvas `ImageData` (un-premultiplied RGBA, 8 bits per sample) as the RawImage every shared image
 * function takes. No copy: the pixels are shared, so take a fresh `getImageData` per prediction.
 */
export function imageDataToRawImage(imageData: ImageDataLike): RawImage {
  return { data: imageData.data, width: imageData.width, height: imageData.height, channels: 4 };
}
