import type { PixelBox } from '../preprocess/planes';

/** One character found in a line of writing: the components it is made of, cut to `box`. */
export interface CharacterSegment {
  /** Tight box around the character's stroke pixels, in image pixels. */
  readonly box: PixelBox;
  /** Component labels (see `labelComponents`) whose pixels inside `box` belong to this character. */
  readonly labels: readonly number[];
}
