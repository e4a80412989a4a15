import type { RawImage } from '../image/raw-image';
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
  const keptIndices: number[] = [];
  for (let i = 0; i < set.count; i++) {
    const raw = { data: imageAt(set, i), width: set.width, height: set.height, channels: set.channels };
    const bytes = preprocessToBytes(raw, spec, input);
    if (bytes === undefined) continue;
    images.set(bytes, keptIndices.length * size);
    labels[keptIndices.length] = set.labels[i];
    keptIndices.push(i);
  }
  const kept = keptIndices.length;
  const { sources, contentHashes, ...shape } = set;
  return {
    set: {
      ...shape,
      images: images.slice(0, kept * size),
      labels: labels.slice(0, kept),
      count: kept,
      width: input.width,
      height: input.height,
      channels: input.channels,
      ...(sources && { sources: keptIndices.map((i) => sources[i]) }),
      ...(contentHashes && { contentHashes: Uint32Array.from(keptIndices, (i) => contentHashes[i]) }),
    },
    droppedEmpty: set.count - kept,
  };
}

/**
 * One image as stored model input: `preprocess`, then `round(clamp(x, 0, 1) * 255)` per sample;
 * undefined when it holds no ink. Folder datasets run each decoded file through this, as it is.
 */
export function preprocessToBytes(
  image: RawImage,
  spec: PreprocessingSpec,
  input: InputShape,
): Uint8Array | undefined {
  const result = preprocess(image, spec, input);
  if (result.empty) return undefined;
  const bytes = new Uint8Array(result.input.length);
  for (let p = 0; p < bytes.length; p++)
    bytes[p] = Math.round(Math.min(1, Math.max(0, result.input[p])) * 255);
  return bytes;
}
