import { seededValidationSplit, type LabeledImages } from '@glyph/core/data';

/**
 * A seeded, stratified sample of about `limit` images (each class keeps its share), for quick runs
 * and tests that train on part of a large dataset. Same set, limit and seed → same sample.
 */
export function limitImages(set: LabeledImages, limit: number, seed: number): LabeledImages {
  if (limit >= set.count) return set;
  const { validation: sample } = seededValidationSplit(set, limit / set.count, seed);
  return { ...sample, name: `${set.name} (sample of ${sample.count}, seed ${seed})` };
}
