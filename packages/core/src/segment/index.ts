export type { CharacterSegment, CutSeam } from './character-segment';
export { measureSeam } from './cut-seam';
export { groupOverlapping } from './merge-overlapping';
export {
  preprocessSequence,
  type SequenceCharacterInput,
  type SequenceJoin,
  type SequencePosition,
  type SequencePreprocessResult,
} from './preprocess-sequence';
export {
  DIGIT_SPLIT,
  LETTER_SPLIT,
  segmentLine,
  typicalWidth,
  type LineJoin,
  type LinePosition,
  type LineSegmentation,
} from './segment-characters';
export { splitCandidates, tightBox, type SplitOptions } from './split-wide';
