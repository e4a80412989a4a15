/**
 * A dataset split held in memory: `count` images of `height`×`width`×`channels` uint8 samples packed
 * one after another (image i starts at i*height*width*channels), and one class index per image.
 * Pixels stay uint8 (EMNIST byclass as float32 would be 2.2 GB); models convert per batch.
 */
export interface LabeledImages {
  /** Dataset name and split, e.g. `mnist:train`, `folder:/data/bills:test`. */
  readonly name: string;
  readonly images: Uint8Array;
  readonly labels: Int32Array;
  readonly count: number;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  /** `classNames[k]` is the human label of class index k (e.g. "7", "a", "fifty"). */
  readonly classNames: readonly string[];
  /**
   * Where each image came from (folder datasets: the file's path inside the folder), so reports can
   * name a sample rather than its position. Absent for IDX datasets.
   */
  readonly sources?: readonly string[];
  /**
   * A 32-bit hash per image of the bytes it was read from (folder datasets: the file), which the
   * content-hash holdout uses instead of the decoded pixels, so the split never depends on how the
   * files were decoded. Absent: the holdout hashes the pixels.
   */
  readonly contentHashes?: Uint32Array;
}

/** The uint8 samples of image `index` (a view, not a copy). */
export function imageAt(set: LabeledImages, index: number): Uint8Array {
  const size = set.width * set.height * set.channels;
  return set.images.subarray(index * size, (index + 1) * size);
}
