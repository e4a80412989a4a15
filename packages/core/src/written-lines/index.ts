export {
  blankCanvas,
  cropDigit,
  randomStrokeStyle,
  stamp,
  strokeDigit,
  toDarkOnWhite,
  upscale,
  type Coverage,
  type StrokeStyle,
} from './canvas-render';
export { labelledPieces, LINE_PIECE_SIDE, type LinePiece } from './labelled-pieces';
export { writeNumber, type StrokeKind, type WrittenNumber } from './write-number';
