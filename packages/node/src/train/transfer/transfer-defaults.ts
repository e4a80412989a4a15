/** The transfer recipe's defaults (fastai's `fine_tune` in spirit: head first, then the top, slower). Set
 * before any run was scored on the photos set; the small coins folder was the only check. */
export const transferDefaults = {
  backbone: 'mobilenet-v2',
  /** Head epochs when --epochs is not given: each is a few steps over cached features, so cheap. */
  headEpochs: 40,
  /**
   * Head learning rate when --lr is not given. The CLI's 0.002 suits networks trained from scratch; a
   * softmax over fixed features needs more: on the photos folder (all 119, head only, 40 epochs) the
   * TRAINING loss ended at 0.60 with 0.002 (under-fit), 0.20 with 0.01, 0.13 with 0.03.
   */
  learningRate: 0.01,
  /** Fine-tuning epochs after the head's (`--fine-tune`). */
  fineTuneEpochs: 10,
  /** Cached views per training image: the image and augmented copies (`--views`). */
  views: 6,
  /** The top layers learn this much slower than the head while fine-tuning. */
  upperRateFactor: 0.1,
  dropout: 0.2,
} as const;
