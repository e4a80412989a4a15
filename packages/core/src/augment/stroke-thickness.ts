import type { ImageShape } from './augmenter';

/**
 * Thickens (`amount` > 0) or thins (`amount` < 0) strokes of a single-channel float image in place:
 * a grey-level dilation/erosion with a 3×3 cross, blended by |amount| ∈ [0,1] so the change is
 * continuous rather than a whole pixel at a time. `brightInk` says whether ink is the bright side
 * (model input form: ink bright on black) or the dark side. Multi-channel images are left alone.
 */
export function changeStrokeThickness(
  image: Float32Array,
  shape: ImageShape,
  amount: number,
  brightInk: boolean,
  scratch: Float32Array = new Float32Array(image.length),
): void {
  const { width, height, channels } = shape;
  if (channels !== 1 || amount === 0) return;
  // Dilating bright ink (or eroding dark ink) takes the neighbourhood maximum.
  const takeMax = amount > 0 === brightInk;
  const blend = Math.min(1, Math.abs(amount));
  scratch.set(image.subarray(0, width * height));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let value = scratch[i];
      const neighbours = [
        x > 0 ? scratch[i - 1] : value,
        x < width - 1 ? scratch[i + 1] : value,
        y > 0 ? scratch[i - width] : value,
        y < height - 1 ? scratch[i + width] : value,
      ];
      for (const neighbour of neighbours)
        value = takeMax ? Math.max(value, neighbour) : Math.min(value, neighbour);
      image[i] = scratch[i] + (value - scratch[i]) * blend;
    }
  }
}
