import type { PreprocessingSpec } from '../model/metadata';
import type { InputShape } from '../preprocess/ink-recipes';
import { preprocess } from '../preprocess/preprocess';
import { imageAt, type LabeledImages } from './labeled-images';

export interface PreprocessedImages {
  /** The kept images as model input: `input.height`×`input.width`×`input.channels` uint8 each. */
  readonly set: LabeledImages;
  /** Images `preprocess` found no ink in; left out, since a blank image has no class to learn. */
  readonly droppedEmpty: number;
}

/**
 * Runs every image of a decoded set through the model's own `preprocess` and stores the result as
 * uint8, `round(clamp(x, 0, 1) * 255)`. `glyph train` and `glyph eval` both prepare folder datasets
 * with this one function, so a model is scored on exactly the inputs it was trained on. IDX datasets
 * (MNIST, EMNIST) are stored as model input already and do not come here.
 */
export function preprocessImages(
  set: LabeledImages,
  spec: PreprocessingSpec,
  input: InputShape,
): PreprocessedImages {
  const size = input.width * input.height * input.channels;
  const images = new Uint8Array(set.count * size);
  const labels = new Int32Array(set.count);
  let kept = 0;
  for (let i = 0; i < set.count; i++) {
    const raw = { data: imageAt(set, i), width: set.width, height: set.height, channels: set.channels };
    const result = preprocess(raw, spec, input);
    if (result.empty) continue;
    const target = images.subarray(kept * size, (kept + 1) * size);
    for (let p = 0; p < size; p++) target[p] = Math.round(Math.min(1, Math.max(0, result.input[p])) * 255);
    labels[kept] = set.labels[i];
    kept += 1;
  }
  return {
    set: {
      ...set,
      images: images.slice(0, kept * size),
      labels: labels.slice(0, kept),
      count: kept,
      width: input.width,
      height: input.height,
      channels: input.channels,
    },
    droppedEmpty: set.count - kept,
  };
}
