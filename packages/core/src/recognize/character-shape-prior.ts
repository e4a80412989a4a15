/**
 * Width/height of MNIST training digits (ink ≥ 64 of 255): the 0.5th and 99.5th percentiles per
 * digit. A candidate character far outside its label's range is likely a sliver or a merge.
 */
const DIGIT_ASPECT_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  '0': [0.5, 1.43],
  '1': [0.15, 1.0],
  '2': [0.5, 1.67],
  '3': [0.4, 1.25],
  '4': [0.45, 1.25],
  '5': [0.5, 1.67],
  '6': [0.4, 1.25],
  '7': [0.45, 1.43],
  '8': [0.4, 1.25],
  '9': [0.4, 1.11],
};

/** Log-prior penalty per unit of relative excess beyond a label's aspect range. */
const EXCESS_WEIGHT = 6;

/**
 * Log prior of a character's shape given its label: 0 inside the label's range, falling with the
 * relative distance outside it. Labels without a known range (letters, custom classes) get 0.
 */
export function aspectLogPrior(label: string, width: number, height: number): number {
  const range = DIGIT_ASPECT_RANGE[label];
  if (range === undefined || height <= 0) return 0;
  const aspect = width / height;
  const [low, high] = range;
  if (aspect < low) return (-EXCESS_WEIGHT * (low - aspect)) / low;
  if (aspect > high) return (-EXCESS_WEIGHT * (aspect - high)) / high;
  return 0;
}
