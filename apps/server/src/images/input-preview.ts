import type { RawImage } from '@glyph/core/image';
import type { ModelMetadata } from '@glyph/core/model';

/**
 * The model input (`[height*width*channels]` float32 in [0,1]) as an 8-bit image, for the
 * "what the model sees" preview.
 */
export function inputToRawImage(input: Float32Array, shape: ModelMetadata['input']): RawImage {
  const expected = shape.width * shape.height * shape.channels;
  if (input.length !== expected) {
    throw new RangeError(
      `Model input has ${input.length} values; ${shape.width}×${shape.height}×${shape.channels} needs ${expected}.`,
    );
  }
  const data = new Uint8Array(expected);
  for (let index = 0; index < expected; index += 1) {
    data[index] = Math.round(Math.min(1, Math.max(0, input[index])) * 255);
  }
  return { data, width: shape.width, height: shape.height, channels: shape.channels };
}

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`;
}
