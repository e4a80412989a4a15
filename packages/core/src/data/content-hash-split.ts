import { GlyphError } from '../errors/glyph-error';
import { contentHash32 } from './content-hash';
import { imageAt, type LabeledImages } from './labeled-images';
import { selectImages } from './select-images';

/** Recorded on a dataset (and the models trained from it) whose train/test came from this split. */
export interface HoldoutInfo {
  readonly fraction: number;
  readonly method: 'content-hash';
}

/**
 * Splits one set into train/test by a hash of each image's bytes: an image goes to test when its
 * hash, read as a fraction of 2^32, is below `fraction`. The hash is of the pixels, or of the file
 * an image was read from when the set carries `contentHashes` (folder datasets), so the side never
 * depends on decode or preprocessing settings. Identical images (duplicates) never straddle the line
 * and a re-run, a re-ordered file or a superset of the data puts every image on the same side again.
 */
export function partitionByContentHash(
  set: LabeledImages,
  fraction: number,
): { train: LabeledImages; test: LabeledImages; holdout: HoldoutInfo } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new GlyphError(
      'BAD_USAGE',
      `Holdout fraction must be between 0 and 1 (exclusive), got ${fraction}; e.g. 0.2 keeps 20% for test.`,
    );
  }
  const threshold = fraction * 4294967296;
  const trainIndices: number[] = [];
  const testIndices: number[] = [];
  for (let i = 0; i < set.count; i++) {
    const hash = set.contentHashes ? set.contentHashes[i] : contentHash32(imageAt(set, i));
    (hash < threshold ? testIndices : trainIndices).push(i);
  }
  const label = `holdout ${fraction}`;
  return {
    train: selectImages(set, trainIndices, `${set.name} (${label}, train part)`),
    test: selectImages(set, testIndices, `${set.name} (${label}, test part)`),
    holdout: { fraction, method: 'content-hash' },
  };
}
