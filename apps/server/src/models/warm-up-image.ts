import type { RawImage } from '@glyph/core/image';
import type { ModelMetadata } from '@glyph/core/model';

/**
 * A dark diagonal stroke on white at twice the model's input size: enough ink that preprocessing
 * does not answer "no ink" early, so the warm-up really runs the network.
 */
export function warmUpImage(input: ModelMetadata['input']): RawImage {
  const width = Math.max(8, input.width * 2);
  const height = Math.max(8, input.height * 2);
  const data = new Uint8Array(width * height).fill(255);
  const strokeWidth = Math.max(2, Math.round(width / 10));
  for (let y = Math.round(height * 0.2); y < Math.round(height * 0.8); y += 1) {
    const centre = Math.round((y / height) * width);
    for (let x = centre - strokeWidth; x <= centre + strokeWidth; x += 1) {
      if (x >= 0 && x < width) data[y * width + x] = 0;
    }
  }
  return { data, width, height, channels: 1 };
}
