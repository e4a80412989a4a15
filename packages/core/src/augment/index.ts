export { affineWarp, inverseAffine, type ForwardTransform, type InverseAffine } from './affine-warp';
export type { Augmenter, ImageShape } from './augmenter';
export { characterAugmenter, type CharacterAugmentOptions } from './character-augmenter';
export { photoAugmenter, type PhotoAugmentOptions } from './photo-augmenter';
export { changeStrokeThickness } from './stroke-thickness';
export { styleAugmenter, traceCharacter, type StyleAugmentOptions } from './style/style-augmenter';
