export { areaResize, fitLongerSide } from './area-resize';
export {
  CHARACTER_MARGIN_X,
  CHARACTER_MARGIN_Y,
  findCharacterSubject,
  type CharacterSubject,
} from './character-subject';
export { cropInk } from './crop-ink';
export { circlePoints, drawStrokes, type DrawOptions, type Stroke } from './draw-strokes';
export { extractInk, labelSet, type InkExtraction } from './extract-ink';
export { findCharacterBox } from './find-character';
export { estimateLighting, flattenedGray, lightingGain, type PageLighting } from './flatten-lighting';
export { gaussianBlurSigmaOne } from './gaussian-blur';
export {
  emnistLayout,
  mnistLayout,
  normalizeStrokeWidth,
  padPlane,
  toModelInput,
  type InputShape,
} from './ink-recipes';
export {
  FRAMED_BORDER_SHARE,
  measureInkLevels,
  MIN_SEPARABILITY,
  toInkStrength,
  MIN_INK_CONTRAST,
  type InkLevels,
} from './ink-levels';
export type { Polarity } from './polarity';
export { labelComponents, STROKE_THRESHOLD, type Component, type ComponentLabels } from './label-components';
export { framePolarity } from './frame-polarity';
export { flattenAlphaOntoWhite, toLuminance } from './luminance';
export { otsuSplit, type HistogramSplit } from './otsu-split';
export { castShadow, placeOnPage, type PageMargins, type ShadowOptions } from './page-conditions';
export { centreCropBox, photoInput, type PhotoNormalization } from './photo';
export { centreOfMass, normalizePeak, placeAt, placeByCentreOfMass, placeCentred } from './place';
export type { FloatPlane, GrayImage, PixelBox } from './planes';
export { emptyResult, layoutCharacter, preprocess, type PreprocessResult } from './preprocess';
export { reducedLuminance, reductionFactor, WORKING_SIDE } from './reduce-gray';
export { dilate, erode, strokeWidth } from './stroke-width';
export {
  boundingBoxOf,
  DOT_REACH_FRACTION,
  DOT_SIDEWAYS_FRACTION,
  isNegligibleInk,
  keepStrokes,
  SPECK_AREA_FRACTION,
} from './remove-specks';
export { validateRawImage } from './validate-raw-image';
