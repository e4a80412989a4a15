import type * as tf from '@tensorflow/tfjs';
import { deriveSeed, randomStreams } from './derive-seed';

/**
 * Gives every dropout layer a fresh seed for this step. A tfjs dropout layer built with a seed
 * would otherwise draw the SAME mask on every step (it re-seeds its generator per call), and one
 * built without a seed draws from `Math.random`, which breaks `--seed` reproducibility. Deriving
 * the seed from (run seed, step, layer) gives fresh masks each step that a resumed run replays.
 */
export function reseedDropout(model: tf.LayersModel, seed: number, step: number): void {
  model.layers.forEach((layer, index) => {
    if (layer.getClassName() === 'Dropout') {
      // `seed` is private in tfjs' Dropout; it is read on every call, so setting it is enough.
      (layer as unknown as { seed?: number }).seed = deriveSeed(seed, randomStreams.dropout, step, index);
    }
  });
}
