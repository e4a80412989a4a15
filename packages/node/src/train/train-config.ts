import type { ArchitectureName } from '@glyph/core/zoo';
import type { OptimizerKind } from '@glyph/core/train';

export type AugmentKind = 'auto' | 'none' | 'character' | 'style' | 'photo';
export type ScheduleKind = 'none' | 'cosine' | 'plateau';
export type PreprocessKind = 'ink-mnist' | 'ink-emnist' | 'photo';
export type PhotoSubject = 'character';

/**
 * Everything that determines a training run, validated at the edge (CLI) and recorded in full in
 * checkpoints and in the model's metadata, so a run can be resumed and reproduced.
 */
export interface TrainConfig {
  /** Dataset spec, e.g. `mnist`, `emnist-byclass:test`, `folder:data/alphabet`. */
  readonly dataset: string;
  /** A zoo architecture, or `transfer`: a head (and the top layers) on a pretrained backbone. */
  readonly model: ArchitectureName | 'transfer';
  readonly epochs: number;
  readonly batchSize: number;
  /** Peak learning rate (the schedule shapes it). */
  readonly learningRate: number;
  readonly optimizer: OptimizerKind;
  readonly schedule: ScheduleKind;
  /**
   * `auto`: writer-style augmentation (`style`: characters redrawn in other hands, plus `character`'s
   * small warps) for ink preprocessing, photo augmentation for photos.
   */
  readonly augment: AugmentKind;
  /** Fraction of the TRAINING data held out for validation (seeded, stratified); 0 for none. */
  readonly valSplit: number;
  /** Content-hash partition fraction for test when the dataset has no usable test split. */
  readonly holdout?: number;
  /** Drop byte-identical duplicate images before splitting. */
  readonly dedupe: boolean;
  readonly seed: number;
  /** Epochs without validation improvement before stopping; absent: never stop early. */
  readonly earlyStopPatience?: number;
  /** Model input `[height, width, channels]`; absent: the architecture's designed input. */
  readonly input?: readonly [number, number, number];
  /** How raw images become model input; absent: from the dataset (IDX sets) or `photo` (folders). */
  readonly preprocess?: PreprocessKind;
  /** Photo preprocessing's subject step (`character`: find the glyph inside margins, even out shadows). */
  readonly subject?: PhotoSubject;
  /** Photo preprocessing's resize (`stretch`: the whole picture, no centre crop); transfer runs take the backbone's. */
  readonly photoResize?: 'stretch';
  /** Model id and display name in metadata; absent: from the output folder name. */
  readonly id?: string;
  readonly name?: string;
  /** Weight storage of the final model. */
  readonly quantize?: 'float16' | 'uint8';
  /**
   * A model folder whose weights start the run (fine-tuning, e.g. on collected feedback); its
   * input and labels must match this run's. Absent: fresh initialisation from `seed`.
   */
  readonly init?: string;
  /**
   * Per part of the dataset spec (keyed by the part as written, e.g. `folder:data/feedback/digits`):
   * `limit` trains on a seeded stratified sample of that many of its training images; `repeat` uses
   * each of its training images that many times per epoch, or `share` repeats them until they are
   * about that fraction of an epoch (oversampling a few corrections among a large dataset).
   */
  readonly sampling?: Readonly<Record<string, PartSampling>>;
  /** Transfer learning: the backbone (packaged id, folder/model.json path or URL); default mobilenet-v2. */
  readonly backbone?: string;
  /** Transfer learning: epochs that also train the backbone's top layers, after `epochs` of head only. */
  readonly fineTuneEpochs?: number;
  /** Transfer learning: cached views per training image (the image and augmented copies). */
  readonly views?: number;
  /** Score the recipe by k-fold cross-validation over the training data before the final run. */
  readonly folds?: number;
}

export interface PartSampling {
  readonly limit?: number;
  readonly repeat?: number;
  readonly share?: number;
}

/** Per-invocation settings that may change between a run and its resume without changing results. */
export interface RunSettings {
  readonly backend: string;
  readonly workers: number;
  readonly dataDir?: string;
  /** The command line, recorded in metadata. */
  readonly commandLine: string;
}
