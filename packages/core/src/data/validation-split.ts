import { GlyphError } from '../errors/glyph-error';
import type { LabeledImages } from './labeled-images';
import { mulberry32, shuffleInPlace } from './seeded-random';
import { selectImages } from './select-images';

/**
 * A seeded, stratified validation split: within each class, a seeded shuffle picks
 * round(fraction × class size) images for validation (at least one when the class has two or more),
 * so small classes are represented on both sides. Same set + seed → same split.
 */
export function seededValidationSplit(
  set: LabeledImages,
  fraction: number,
  seed: number,
): { train: LabeledImages; validation: LabeledImages } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new GlyphError(
      'BAD_USAGE',
      `Validation fraction must be between 0 and 1 (exclusive), got ${fraction}.`,
    );
  }
  const byClass: number[][] = set.classNames.map(() => []);
  for (let i = 0; i < set.count; i++) byClass[set.labels[i]].push(i);
  const random = mulberry32(seed);
  const validation: number[] = [];
  const train: number[] = [];
  for (const members of byClass) {
    shuffleInPlace(members, random);
    const take = members.length < 2 ? 0 : Math.max(1, Math.round(members.length * fraction));
    for (let i = 0; i < members.length; i++) (i < take ? validation : train).push(members[i]);
  }
  // Keep the original order inside each side; the training loop shuffles per epoch itself.
  train.sort((a, b) => a - b);
  validation.sort((a, b) => a - b);
  return {
    train: selectImages(set, train, `${set.name} (train part, validation ${fraction} seed ${seed})`),
    validation: selectImages(set, validation, `${set.name} (validation ${fraction} seed ${seed})`),
  };
}
