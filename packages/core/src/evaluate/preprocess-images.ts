import type { LabeledImages } from '../data/labeled-images';
import type { ModelMetadata, PreprocessingSpec } from '../model/metadata';
import { preprocess } from '../preprocess/preprocess';
import type { InputShape } from '../preprocess/ink-recipes';

export interface PreprocessedImages {
  readonly set: LabeledImages;
  /** Images `preprocess` found no ink in; left out, as training leaves them out. */
  readonly droppedEmpty: number;
}

/**
 * Runs every image of a decoded folder dataset through the model's own `preprocess` and stores the
 * result as uint8 (`round(clamp(x, 0, 1) * 255)`), exactly as training prepares folder images, so a
 * model is scored on the inputs it was trained on. IDX datasets are already model input: don't.
 */
export function preprocessImages(
  set: LabeledImages,
  spec: PreprocessingSpec,
  input: InputShape,
): PreprocessedImages {
  const size = input.width * input.height * input.channels;
  const sourceSize = set.width * set.height * set.channels;
  const images = new Uint8Array(set.count * size);
  const labels = new Int32Array(set.count);
  let kept = 0;
  for (let i = 0; i < set.count; i++) {
    const data = set.images.subarray(i * sourceSize, (i + 1) * sourceSize);
    const result = preprocess(
      { data, width: set.width, height: set.height, channels: set.channels },
      spec,
      input,
    );
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

/** The model input of a metadata record, in the shape `preprocess` takes. */
export function metadataInput(metadata: Pick<ModelMetadata, 'input'>): InputShape {
  return { width: metadata.input.width, height: metadata.input.height, channels: metadata.input.channels };
}
