import { GlyphError } from '../errors/glyph-error';
import type { LabeledImages } from './labeled-images';

/**
 * The set with its class indices rewritten onto `labels` by class name, so data holding only some
 * of a model's classes (a folder of corrections) trains that model's output units. Every class of
 * the set must be one of `labels`; the error names the strays and the labels there are.
 */
export function relabelImages(
  set: LabeledImages,
  labels: readonly string[],
  modelName: string,
): LabeledImages {
  const index = new Map(labels.map((label, k) => [label, k]));
  const strays = set.classNames.filter((name) => !index.has(name));
  if (strays.length > 0) {
    throw new GlyphError(
      'LABEL_UNKNOWN',
      `${set.name} has classes ${strays.map((name) => JSON.stringify(name)).join(', ')} that ${modelName} ` +
        `does not know (its labels: ${labels.join(' ')}). Rename or remove those class folders, or train a ` +
        'new model without --init.',
    );
  }
  const remap = set.classNames.map((name) => index.get(name)!);
  const relabelled = Int32Array.from(set.labels.subarray(0, set.count), (label) => remap[label]);
  return { ...set, labels: relabelled, classNames: [...labels] };
}
