import type { PixelBox } from '../preprocess/planes';

/** One character found in a line of writing: the components it is made of, cut to `box`. */
export interface CharacterSegment {
  /** Tight box around the character's stroke pixels, in image pixels. */
  readonly box: PixelBox;
  /** Component labels (see `labelComponents`) whose pixels inside `box` belong to this character. */
  readonly labels: readonly number[];
  /** For a piece cut out of touching characters: the ink its cut columns pass through. */
  readonly seams?: readonly CutSeam[];
}

/** The ink a cut between touching characters passes through, measured on the cut column. */
export interface CutSeam {
  /** Separate runs of ink (at least half strength) the column crosses: 1 where two characters touch. */
  readonly strokes: number;
  /** The column's ink over the mean ink of the run's inked columns. */
  readonly inkShare: number;
}
