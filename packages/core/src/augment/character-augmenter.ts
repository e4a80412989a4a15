import { affineWarp, inverseAffine } from './affine-warp';
import type { Augmenter } from './augmenter';
import { borderMean } from './border-mean';
import { changeStrokeThickness } from './stroke-thickness';

export interface CharacterAugmentOptions {
  /** Largest rotation either way, degrees. Default 10. */
  readonly maxRotationDegrees?: number;
  /** Largest horizontal shear factor either way. Default 0.2. */
  readonly maxShear?: number;
  /** Largest relative zoom change either way (0.1 → 0.9…1.1). Default 0.1. */
  readonly maxZoom?: number;
  /** Largest shift either way as a fraction of the image side. Default 0.08 (~2 px at 28). */
  readonly maxTranslation?: number;
  /** Chance of a stroke-thickness change. Default 0.5. */
  readonly thicknessProbability?: number;
}

const uniform = (random: () => number, limit: number): number => (random() * 2 - 1) * limit;

/**
 * Random small rotation, shear, zoom and translation plus an occasional stroke-thickness change —
 * the ways handwriting varies. Never flips (a mirrored 'b' is a 'd'). The background level is read
 * from the border, so it works for bright ink on black (model input form) and dark ink on white.
 */
export function characterAugmenter(options: CharacterAugmentOptions = {}): Augmenter {
  const maxRotation = ((options.maxRotationDegrees ?? 10) * Math.PI) / 180;
  const maxShear = options.maxShear ?? 0.2;
  const maxZoom = options.maxZoom ?? 0.1;
  const maxTranslation = options.maxTranslation ?? 0.08;
  const thicknessProbability = options.thicknessProbability ?? 0.5;
  let scratch = new Float32Array(0);
  return (source, target, shape, random) => {
    const zoom = 1 + uniform(random, maxZoom);
    const transform = {
      rotation: uniform(random, maxRotation),
      shear: uniform(random, maxShear),
      zoomX: zoom,
      zoomY: zoom,
      translateX: uniform(random, maxTranslation * shape.width),
      translateY: uniform(random, maxTranslation * shape.height),
    };
    const background = borderMean(source, shape);
    affineWarp(source, target, shape, inverseAffine(transform, shape), background);
    const changeThickness = random() < thicknessProbability;
    const amount = uniform(random, 1);
    if (changeThickness && shape.channels === 1) {
      if (scratch.length < target.length) scratch = new Float32Array(target.length);
      changeStrokeThickness(target, shape, amount, background < 128, scratch);
    }
  };
}
