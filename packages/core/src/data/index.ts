export { imageAt, type LabeledImages } from './labeled-images';
export { classCounts } from './class-counts';
export { contentHash32, fnv1a32 } from './content-hash';
export { partitionByContentHash, type HoldoutInfo } from './content-hash-split';
export { dedupeImages, type DedupeResult } from './dedupe-images';
export { mulberry32, shuffleInPlace } from './seeded-random';
export { concatImages, selectImages } from './select-images';
export { transposeSquareImages } from './transpose-images';
export { seededValidationSplit } from './validation-split';
