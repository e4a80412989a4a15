import type * as tf from '@tensorflow/tfjs';
import type { RawImage } from '../image/raw-image';
import type { EvaluationReport } from '../metrics/evaluation-report';
import type { ModelMetadata } from '../model/metadata';
import type { LabeledImages } from '../data/labeled-images';
import type { PersonalizeRecipe } from './personalize-recipe';

/** A raw drawing or photo (any size, gray/RGB/RGBA, dark ink on light), not yet preprocessed. */
export interface TeachSample {
  readonly image: RawImage;
  readonly label: string;
}

export interface TeachProgress {
  readonly stage: 'preparing' | 'training' | 'evaluating';
  /** Epochs finished (0 while preparing); `epochs` is the number planned. */
  readonly epoch: number;
  readonly epochs: number;
  /** Overall progress of the whole call, 0..1. */
  readonly fraction: number;
  readonly loss?: number;
  readonly accuracy?: number;
  readonly validationAccuracy?: number;
}

/** Anything with `aborted`, such as an `AbortSignal`. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface TeachBase {
  readonly model: tf.LayersModel;
  readonly metadata: ModelMetadata;
}

export interface TeachOptions {
  /** Metadata id and name of the new model. */
  readonly id: string;
  readonly name: string;
  /** Class order of the new model (output unit i is `labels[i]`). */
  readonly labels: readonly string[];
  /** Start from this model's features (e.g. the shipped digits); absent: a small CNN from scratch. */
  readonly base?: TeachBase;
  /** Stratified held-out share for the report (default 0.2; at least 1 per class of ≥ 3 samples). */
  readonly holdoutFraction?: number;
  readonly epochs?: number;
  readonly seed?: number;
  /** When aborted, training stops within one batch and the call throws GlyphError `CANCELLED`. */
  readonly signal?: CancelSignal;
  readonly onProgress?: (progress: TeachProgress) => void;
}

export interface TeachEpoch {
  epoch: number;
  loss: number;
  accuracy: number;
  validationAccuracy?: number;
}

export interface TeachResult {
  readonly model: tf.LayersModel;
  readonly metadata: ModelMetadata;
  /** On the held-out samples (none held out: an empty report with n = 0). */
  readonly report: EvaluationReport;
  readonly history: readonly TeachEpoch[];
}

export interface PersonalizeOptions {
  readonly seed?: number;
  readonly epochs?: number;
  /**
   * A few samples per label of what the base already reads (model-input bytes, e.g. 20 MNIST digits
   * per class), trained on with the corrections so the rest of what it knows is not forgotten.
   */
  readonly rehearsal?: LabeledImages;
  /** Overrides of the personalization recipe (`personalizeRecipe`), for experiments. */
  readonly recipe?: Partial<PersonalizeRecipe>;
  readonly signal?: CancelSignal;
  readonly onProgress?: (progress: TeachProgress) => void;
}

export interface PersonalizeResult {
  readonly model: tf.LayersModel;
  /** The base's labels, a new version, and training info noting the personalization. */
  readonly metadata: ModelMetadata;
  /** Top-1 answers on the corrections themselves, before and after. */
  readonly before: { correct: number; total: number };
  readonly after: { correct: number; total: number };
}
