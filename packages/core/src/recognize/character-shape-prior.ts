/**
 * Width/height of MNIST training digits (ink ≥ 64 of 255) as a log-normal per digit: the mean and
 * standard deviation of ln(width / height), measured on the 60,000 training images.
 */
const DIGIT_LOG_ASPECT: Readonly<Record<string, readonly [number, number]>> = {
  '0': [Math.log(0.9), 0.195],
  '1': [Math.log(0.395), 0.459],
  '2': [Math.log(0.932), 0.217],
  '3': [Math.log(0.792), 0.211],
  '4': [Math.log(0.786), 0.211],
  '5': [Math.log(0.929), 0.258],
  '6': [Math.log(0.722), 0.217],
  '7': [Math.log(0.769), 0.215],
  '8': [Math.log(0.755), 0.221],
  '9': [Math.log(0.675), 0.205],
};

/** Within this many standard deviations of its label's mean a shape costs nothing. */
const FREE_DEVIATIONS = 1;

/**
 * Log prior of a character's shape given its label, up to a constant: 0 near the label's typical
 * aspect, then falling like a normal density's log beyond `FREE_DEVIATIONS`. A piece shaped unlike
 * what it is read as — a sliver read as 0, two digits read as one wide 8 — is unlikely. Labels
 * without a measured shape (letters, custom classes) get 0.
 */
export function aspectLogPrior(label: string, width: number, height: number): number {
  const excess = Math.max(0, Math.abs(aspectDeviations(label, width, height)) - FREE_DEVIATIONS);
  return -0.5 * excess * excess;
}

/**
 * How many standard deviations wider (positive) or narrower (negative) than its label's typical
 * aspect a character is: two digits read as one are wide, a piece of one digit narrow. 0 for labels
 * without a measured shape.
 */
export function aspectDeviations(label: string, width: number, height: number): number {
  const stats = DIGIT_LOG_ASPECT[label];
  if (stats === undefined || height <= 0 || width <= 0) return 0;
  return (Math.log(width / height) - stats[0]) / stats[1];
}
