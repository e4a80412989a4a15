// Transfer learning on a frozen backbone: activations cached once per image (and augmented views),
// then a head — and optionally the backbone's top layers — trained on them. `glyph train --backbone`
// and the browser's Teach view (`@glyph/core/teach`) share these pieces.
export { assembleTransferModel, createHead } from './assemble';
export { cacheFeatures, type CacheOptions, type FeatureCache } from './feature-cache';
export { applyUpper, splitBackbone, type SplitBackbone } from './split-backbone';
export { scoreCache, trainPhase, type HeadData, type PhaseOptions } from './train-head';
