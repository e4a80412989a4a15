import { contentHash32 } from './content-hash';
import { imageAt, type LabeledImages } from './labeled-images';
import { selectImages } from './select-images';

export interface DedupeResult {
  readonly set: LabeledImages;
  /** Images dropped because an identical earlier image was kept. */
  readonly duplicatesDropped: number;
  /** Of those, how many carried a different label than the kept copy (label noise worth knowing). */
  readonly conflictingLabels: number;
}

/**
 * Keeps the first of every group of byte-identical images. The 32-bit hash only buckets candidates:
 * with ~100k images a few distinct images share a hash, so equality is confirmed byte by byte.
 */
export function dedupeImages(set: LabeledImages): DedupeResult {
  const buckets = new Map<number, number[]>();
  const kept: number[] = [];
  let conflictingLabels = 0;
  for (let i = 0; i < set.count; i++) {
    const image = imageAt(set, i);
    const hash = contentHash32(image);
    const bucket = buckets.get(hash);
    const twin = bucket?.find((candidate) => bytesEqual(imageAt(set, candidate), image));
    if (twin === undefined) {
      if (bucket) bucket.push(i);
      else buckets.set(hash, [i]);
      kept.push(i);
    } else if (set.labels[twin] !== set.labels[i]) {
      conflictingLabels++;
    }
  }
  const duplicatesDropped = set.count - kept.length;
  return {
    set: duplicatesDropped === 0 ? set : selectImages(set, kept, set.name),
    duplicatesDropped,
    conflictingLabels,
  };
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
