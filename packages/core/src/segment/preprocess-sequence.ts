import { GlyphError } from '../errors/glyph-error';
import type { RawImage } from '../image/raw-image';
import type { PreprocessingSpec } from '../model/metadata';
import { cropInk } from '../preprocess/crop-ink';
import { extractInk, type InkExtraction } from '../preprocess/extract-ink';
import type { InputShape } from '../preprocess/ink-recipes';
import type { PixelBox } from '../preprocess/planes';
import { layoutCharacter } from '../preprocess/preprocess';
import { validateRawImage } from '../preprocess/validate-raw-image';
import type { CharacterSegment, CutSeam } from './character-segment';
import { DIGIT_SPLIT, segmentLine } from './segment-characters';
import type { SplitOptions } from './split-wide';

export interface SequenceCharacterInput {
  /** Where the character is in the image, in pixels. */
  readonly box: PixelBox;
  /** Model input for this character alone, `[height*width*channels]` float32. */
  readonly input: Float32Array;
  /** For a piece cut out of touching characters: what its cuts pass through. */
  readonly seams?: readonly CutSeam[];
}

export interface SequencePosition {
  /** `readings[0]`: the ink as one character; further readings: as touching characters. */
  readonly readings: readonly (readonly SequenceCharacterInput[])[];
}

export interface SequenceJoin {
  /** Positions `first` and `first + 1` read together as one character. */
  readonly first: number;
  readonly character: SequenceCharacterInput;
}

export interface SequencePreprocessResult {
  readonly empty: boolean;
  /** Left to right. */
  readonly positions: readonly SequencePosition[];
  readonly joins: readonly SequenceJoin[];
  /** Width of one typical character on the line, in image pixels. */
  readonly typicalWidth: number;
  /** Median character height on the line, in image pixels. */
  readonly lineHeight: number;
}

/**
 * Segments a line of writing and prepares every reading of every position exactly as `preprocess`
 * prepares a single character. Only ink recipes can be segmented.
 */
export function preprocessSequence(
  image: RawImage,
  spec: PreprocessingSpec,
  input: InputShape,
  split: SplitOptions = DIGIT_SPLIT,
): SequencePreprocessResult {
  validateRawImage(image);
  if (spec.kind === 'photo') {
    throw new GlyphError(
      'BAD_USAGE',
      'Sequence recognition needs a character model (preprocessing ink-mnist or ink-emnist); this model classifies whole photos. Drop the sequence option.',
    );
  }
  const extraction = extractInk(image);
  if (extraction === undefined)
    return { empty: true, positions: [], joins: [], typicalWidth: 0, lineHeight: 0 };
  const kind = spec.kind;
  // Cut readings of one run share their pieces: prepare each piece once, keep it shared.
  const prepared = new Map<CharacterSegment, SequenceCharacterInput>();
  const prepare = (segment: CharacterSegment): SequenceCharacterInput => {
    const known = prepared.get(segment);
    if (known !== undefined) return known;
    const character = {
      box: toImagePixels(segment.box, extraction.scale, image.width, image.height),
      input: layoutCharacter(cropSegment(extraction, segment), kind, input),
      ...(segment.seams === undefined ? {} : { seams: segment.seams }),
    };
    prepared.set(segment, character);
    return character;
  };
  const line = segmentLine(extraction, split);
  const positions = line.positions.map((position) => ({
    readings: position.readings.map((reading) => reading.map(prepare)),
  }));
  const joins = line.joins.map((join) => ({ first: join.first, character: prepare(join.segment) }));
  return {
    empty: positions.length === 0,
    positions,
    joins,
    typicalWidth: line.typicalWidth * extraction.scale,
    lineHeight: line.lineHeight * extraction.scale,
  };
}

function cropSegment(extraction: InkExtraction, segment: CharacterSegment) {
  return cropInk(extraction.ink, segment.box, extraction.components.labels, segment.labels);
}

/** A box in working pixels (the image reduced by `scale`) as a box in image pixels. */
function toImagePixels(box: PixelBox, scale: number, width: number, height: number): PixelBox {
  if (scale === 1) return box;
  const x = box.x * scale;
  const y = box.y * scale;
  return {
    x,
    y,
    width: Math.min(width - x, box.width * scale),
    height: Math.min(height - y, box.height * scale),
  };
}
