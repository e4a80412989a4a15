/** Size of one image: `height`×`width`×`channels` samples, row-major, channels interleaved. */
export interface ImageShape {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/**
 * Writes one randomly transformed copy of `source` (uint8 samples) into `target` as float32 in
 * [0,1] — the model's input form — drawing every random choice from `random` (a seeded generator
 * returning [0,1)), so the same seed gives the same images. `label` is the image's class name, for
 * augmenters that vary some classes in their own ways (a European 1 or 7).
 */
export type Augmenter = (
  source: Uint8Array,
  target: Float32Array,
  shape: ImageShape,
  random: () => number,
  label?: string,
) => void;
