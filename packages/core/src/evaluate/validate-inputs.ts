import { GlyphError } from '../errors/glyph-error';
import type { LabeledImages } from '../data/labeled-images';
import type { NetworkShape } from '../model/network-shape';

export interface ImageGeometry {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** Fails unless the samples of `data` are the network's input size and channel count. */
export function assertDataFitsModel(shape: NetworkShape, data: ImageGeometry, source: string): void {
  const { width, height, channels } = data;
  const input = shape.input;
  if (width !== input.width || height !== input.height || channels !== input.channels) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `The dataset has ${width}×${height} images with ${channels} channel(s) (input [${height}, ${width}, ${channels}]) ` +
        `but ${source} expects input [${input.height}, ${input.width}, ${input.channels}] (height, width, channels). ` +
        `Evaluate on data of the size the model was trained on, or load the dataset resized to the model input.`,
    );
  }
}

/**
 * Maps each dataset class index to the model's output unit of the same name: exact names first,
 * then, when the model's labels are distinct ignoring case, case-insensitively (so a case-insensitive
 * letters model can be scored on data labelled `A` and `a`). Unknown classes fail with the lists.
 */
export function mapClassesToLabels(
  datasetClasses: readonly string[],
  modelLabels: readonly string[],
): Int32Array {
  const exact = new Map(modelLabels.map((label, index) => [label, index]));
  const folded = new Map(modelLabels.map((label, index) => [label.toLowerCase(), index]));
  const caseInsensitive = folded.size === modelLabels.length;
  const unknown: string[] = [];
  const mapping = Int32Array.from(datasetClasses, (name) => {
    const index = exact.get(name) ?? (caseInsensitive ? folded.get(name.toLowerCase()) : undefined);
    if (index === undefined) unknown.push(name);
    return index ?? -1;
  });
  if (unknown.length > 0) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `The dataset has ${unknown.length} class(es) the model cannot predict: ${preview(unknown)}. ` +
        `The model's labels are ${preview(modelLabels)}. Evaluate on a dataset whose class names are among the model's labels.`,
      { details: { unknownClasses: unknown, modelLabels: [...modelLabels] } },
    );
  }
  return mapping;
}

/** Ensures the loaded split is usable at all before spending time on it. */
export function assertNotEmpty(data: LabeledImages): void {
  if (data.count === 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      `${data.name} has no images to evaluate; check the dataset spec and holdout fraction.`,
    );
  }
}

function preview(names: readonly string[]): string {
  const shown = names.slice(0, 12).map((n) => JSON.stringify(n));
  return names.length > 12 ? `${shown.join(', ')} … (${names.length} in all)` : shown.join(', ');
}
