import type { LabeledImages } from '../data/labeled-images';
import { preprocessToBytes } from '../data/preprocess-images';
import { GlyphError } from '../errors/glyph-error';
import type { PreprocessingSpec } from '../model/metadata';
import type { InputShape } from '../preprocess/ink-recipes';
import type { TeachSample } from './teach-types';

export interface PreparedSamples {
  /** The samples with ink, as model input bytes (`round(clamp(x,0,1)·255)`), labels indexing `labels`. */
  readonly set: LabeledImages;
  /** Position in the caller's array of each kept sample. */
  readonly sourceIndices: readonly number[];
  /** Samples without ink (blank drawings), left out. */
  readonly droppedEmpty: number;
}

/**
 * Runs every sample through the model's own `preprocess`, exactly as `glyph predict` and the server
 * will, so the new model is trained on the inputs it will see. Throws `LABEL_UNKNOWN` for a label
 * outside `labels`.
 */
export function prepareSamples(
  samples: readonly TeachSample[],
  labels: readonly string[],
  spec: PreprocessingSpec,
  input: InputShape & { readonly channels: 1 | 3 },
  name: string,
): PreparedSamples {
  const index = new Map(labels.map((label, i) => [label, i]));
  const size = input.width * input.height * input.channels;
  const images = new Uint8Array(samples.length * size);
  const classes: number[] = [];
  const sourceIndices: number[] = [];
  samples.forEach((sample, i) => {
    const label = index.get(sample.label);
    if (label === undefined) {
      throw new GlyphError(
        'LABEL_UNKNOWN',
        `Sample ${i} is labelled "${sample.label}", which is not one of the model's labels (${labels.join(', ')}). Add the label or relabel the sample.`,
      );
    }
    const bytes = preprocessToBytes(sample.image, spec, input);
    if (bytes === undefined) return;
    images.set(bytes, sourceIndices.length * size);
    classes.push(label);
    sourceIndices.push(i);
  });
  const count = sourceIndices.length;
  return {
    set: {
      name,
      images: images.slice(0, count * size),
      labels: Int32Array.from(classes),
      count,
      width: input.width,
      height: input.height,
      channels: input.channels,
      classNames: [...labels],
    },
    sourceIndices,
    droppedEmpty: samples.length - count,
  };
}
