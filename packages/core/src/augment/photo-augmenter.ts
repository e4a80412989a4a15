import { affineWarp, inverseAffine } from './affine-warp';
import type { Augmenter } from './augmenter';

export interface PhotoAugmentOptions {
  /** Chance of a left-right mirror. Default 0.5. */
  readonly flipProbability?: number;
  /** Smallest crop side as a fraction of the image (crop is scaled back up). Default 0.8. */
  readonly minCropScale?: number;
  /** Largest brightness shift either way, in [0,1] units. Default 0.15. */
  readonly maxBrightness?: number;
  /** Largest relative contrast change either way (0.2 → ×0.8…1.2). Default 0.2. */
  readonly maxContrast?: number;
  /** Largest rotation either way, in degrees. Default 10. */
  readonly maxRotation?: number;
  /** Largest relative change of each colour channel's gain (0.1 → ×0.9…1.1), a colour cast. Default 0.1. */
  readonly maxColourShift?: number;
}

const uniform = (random: () => number, limit: number): number => (random() * 2 - 1) * limit;

/**
 * Random mirror, crop-and-rescale, small rotation, brightness, contrast and colour cast: the variation
 * of photographed objects.
 */
export function photoAugmenter(options: PhotoAugmentOptions = {}): Augmenter {
  const flipProbability = options.flipProbability ?? 0.5;
  const minCropScale = options.minCropScale ?? 0.8;
  const maxBrightness = options.maxBrightness ?? 0.15;
  const maxContrast = options.maxContrast ?? 0.2;
  const maxRotation = ((options.maxRotation ?? 10) * Math.PI) / 180;
  const maxColourShift = options.maxColourShift ?? 0.1;
  return (source, target, shape, random) => {
    const flip = random() < flipProbability;
    const scale = minCropScale + random() * (1 - minCropScale);
    // Zooming by 1/scale shows a centred crop of side `scale`; moving it by up to the slack (in
    // target pixels) keeps the crop inside the image.
    const slackX = ((1 - scale) * shape.width) / 2 / scale;
    const slackY = ((1 - scale) * shape.height) / 2 / scale;
    const transform = {
      rotation: uniform(random, maxRotation),
      shear: 0,
      zoomX: (flip ? -1 : 1) / scale,
      zoomY: 1 / scale,
      translateX: uniform(random, slackX),
      translateY: uniform(random, slackY),
    };
    affineWarp(source, target, shape, inverseAffine(transform, shape), 'edge');
    adjustBrightnessContrast(target, 1 + uniform(random, maxContrast), uniform(random, maxBrightness));
    if (shape.channels === 3 && maxColourShift > 0) {
      const gains = [0, 1, 2].map(() => 1 + uniform(random, maxColourShift));
      for (let i = 0; i < target.length; i++) target[i] = Math.min(1, target[i] * gains[i % 3]);
    }
  };
}

/** v ← (v − mean)·contrast + mean + brightness, clamped to [0,1]. */
function adjustBrightnessContrast(image: Float32Array, contrast: number, brightness: number): void {
  let sum = 0;
  for (let i = 0; i < image.length; i++) sum += image[i];
  const mean = sum / image.length;
  for (let i = 0; i < image.length; i++) {
    image[i] = Math.min(1, Math.max(0, (image[i] - mean) * contrast + mean + brightness));
  }
}
