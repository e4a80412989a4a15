import type { RawImage } from '../image/raw-image';
import type { PreprocessingSpec } from '../model/metadata';
import { cropInk } from './crop-ink';
import { extractInk, labelSet, type InkExtraction } from './extract-ink';
import { emnistLayout, mnistLayout, toModelInput, type InputShape } from './ink-recipes';
import { findCharacterSubject } from './character-subject';
import { photoInput } from './photo';
import type { FloatPlane } from './planes';
import { validateRawImage } from './validate-raw-image';

export interface PreprocessResult {
  /** True when the image holds no writing: `input` is then all zeros and must not be classified. */
  readonly empty: boolean;
  /** Model input, `[height*width*channels]` float32, interleaved HWC. Ink recipes give [0,1]. */
  readonly input: Float32Array;
  /** Ink recipes: the writing found (strokes, their box), for checks that need more than the input. */
  readonly extraction?: InkExtraction;
}

/**
 * Turns any image into the input the model was trained on, following the model's own spec
 * (DESIGN "Preprocessing"). Pure and deterministic: the same bytes on every platform.
 *
 * @public
 */
export function preprocess(image: RawImage, spec: PreprocessingSpec, input: InputShape): PreprocessResult {
  validateRawImage(image);
  if (spec.kind === 'photo') {
    if (image.width === 0 || image.height === 0) return emptyResult(input);
    if (spec.subject !== 'character') return { empty: false, input: photoInput(image, input, spec) };
    // No character on the page (blank paper, a shadow alone): "no ink", as for drawings.
    const subject = findCharacterSubject(image);
    if (subject === undefined) return emptyResult(input);
    return { empty: false, input: photoInput(image, input, spec, subject) };
  }
  const extraction = extractInk(image);
  if (extraction === undefined) return emptyResult(input);
  const character = cropInk(
    extraction.ink,
    extraction.box,
    extraction.components.labels,
    labelSet(extraction.strokes),
  );
  return { empty: false, input: layoutCharacter(character, spec.kind, input), extraction };
}

/** Places one cropped character by the ink recipe of `kind`. */
export function layoutCharacter(
  character: FloatPlane,
  kind: 'ink-mnist' | 'ink-emnist',
  input: InputShape,
): Float32Array {
  const plane = kind === 'ink-mnist' ? mnistLayout(character, input) : emnistLayout(character, input);
  return toModelInput(plane, input.channels);
}

export function emptyResult(input: InputShape): PreprocessResult {
  return { empty: true, input: new Float32Array(input.width * input.height * input.channels) };
}
