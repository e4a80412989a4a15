// "What the model sees" is drawn from the model input itself. Ink inputs are already in [0,1]; photo
// inputs may be normalised ((x - mean) / std per channel), which would show as clipped noise, so
// they are mapped back to the [0,1] picture the normalisation started from.
import type { PreprocessingSpec } from '@glyph/core/model';

/**
 * `pixels`: `[height*width*channels]` float32 model input, channels interleaved (HWC).
 * Returns the same layout in [0,1] (a new array only when something had to be undone).
 */
export function viewableModelInput(
  pixels: Float32Array,
  channels: number,
  preprocessing: PreprocessingSpec,
): Float32Array {
  if (preprocessing.kind !== 'photo' || (!preprocessing.mean && !preprocessing.std)) return pixels;
  const { mean, std } = preprocessing;
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i += 1) {
    const channel = i % channels;
    out[i] = pixels[i] * (std?.[channel] ?? 1) + (mean?.[channel] ?? 0);
  }
  return out;
}
