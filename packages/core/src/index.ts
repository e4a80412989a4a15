// The root entry holds what every area shares; each area has its own entry (`@glyph/core/data`,
// `@glyph/core/image`, `@glyph/core/model`, …) so importing one never loads the others.
export { errorCodes, type ErrorCode } from './errors/error-codes';
export { GlyphError, isGlyphError } from './errors/glyph-error';
export type { RawImage } from './image/raw-image';
export type { LabeledImages } from './data/labeled-images';
