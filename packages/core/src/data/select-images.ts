import { GlyphError } from '../errors/glyph-error';
import type { LabeledImages } from './labeled-images';

/** A new set holding copies of the images at `indices`, in that order. */
export function selectImages(set: LabeledImages, indices: ArrayLike<number>, name: string): LabeledImages {
  const size = set.width * set.height * set.channels;
  const images = new Uint8Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const source = indices[i];
    images.set(set.images.subarray(source * size, (source + 1) * size), i * size);
    labels[i] = set.labels[source];
  }
  const { sources, contentHashes, ...shape } = set;
  return {
    ...shape,
    name,
    images,
    labels,
    count: indices.length,
    ...(sources && { sources: Array.from(indices, (i) => sources[i]) }),
    ...(contentHashes && { contentHashes: Uint32Array.from(indices, (i) => contentHashes[i]) }),
  };
}

/**
 * The sets one after another. All must share image size and channels; labels are rewritten by class
 * name into the union of class names (first-seen order), so sets with different label spaces merge.
 */
export function concatImages(sets: readonly LabeledImages[], name: string): LabeledImages {
  if (sets.length === 0) throw new GlyphError('DATASET_EMPTY', `Nothing to concatenate into ${name}.`);
  const first = sets[0];
  const classNames: string[] = [];
  const classIndex = new Map<string, number>();
  for (const set of sets) {
    if (set.width !== first.width || set.height !== first.height || set.channels !== first.channels) {
      throw new GlyphError(
        'SHAPE_MISMATCH',
        `Cannot merge ${set.name} (${set.width}×${set.height}×${set.channels}) with ${first.name} ` +
          `(${first.width}×${first.height}×${first.channels}): every part of ${name} must have one image size.`,
      );
    }
    for (const className of set.classNames) {
      if (!classIndex.has(className)) {
        classIndex.set(className, classNames.length);
        classNames.push(className);
      }
    }
  }
  const size = first.width * first.height * first.channels;
  const count = sets.reduce((sum, set) => sum + set.count, 0);
  const images = new Uint8Array(count * size);
  const labels = new Int32Array(count);
  let offset = 0;
  for (const set of sets) {
    images.set(set.images.subarray(0, set.count * size), offset * size);
    const remap = set.classNames.map((className) => classIndex.get(className) ?? -1);
    for (let i = 0; i < set.count; i++) labels[offset + i] = remap[set.labels[i]];
    offset += set.count;
  }
  // Hashes of some parts' files and other parts' pixels are not one scheme: the merged set has none.
  const { sources: _sources, contentHashes: _hashes, ...shape } = first;
  const merged: LabeledImages = { ...shape, name, images, labels, count, classNames };
  if (!sets.some((set) => set.sources)) return merged;
  // Images without a file (IDX parts) are named by their set and position.
  const sources = sets.flatMap((set) =>
    Array.from({ length: set.count }, (_, i) => set.sources?.[i] ?? `${set.name}#${i}`),
  );
  return { ...merged, sources };
}

/** The set with every image repeated `times` times in a row (oversampling a small part). */
export function repeatImages(set: LabeledImages, times: number, name = set.name): LabeledImages {
  if (!Number.isInteger(times) || times < 1) {
    throw new GlyphError('BAD_USAGE', `Repeat count must be a whole number ≥ 1, got ${times}.`);
  }
  const indices = Array.from({ length: set.count * times }, (_, i) => Math.floor(i / times));
  return selectImages(set, indices, name);
}
