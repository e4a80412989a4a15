import type { RawImage } from '../image/raw-image';
import type { ModelCalibration } from '../calibration/calibration-artifact';
import type { Rejection } from '../calibration/judge-answer';
import type { ModelMetadata } from '../model/metadata';

export interface Prediction {
  readonly label: string;
  /** Softmax probability in [0,1]. */
  readonly confidence: number;
}

export interface Recognition {
  /** True when the image holds no ink (or nothing recognisable): `predictions` is then empty. */
  readonly empty: boolean;
  /** Top-k, most confident first; calibrated when the model folder holds a calibration. */
  readonly predictions: readonly Prediction[];
  /**
   * Present when the answer should not be taken as read: `several-characters` (use sequence mode),
   * `not-a-character` (a dot, line or scribble) or `uncertain`. `predictions` are still given.
   */
  readonly rejected?: Rejection;
  /** With `debug`: the model input, `[height*width*channels]` float32 in [0,1]. */
  readonly input?: Float32Array;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SequenceRecognition {
  readonly empty: boolean;
  readonly text: string;
  /** Left to right; with `debug`, each character's model input too. */
  readonly characters: readonly {
    readonly box: Box;
    readonly predictions: readonly Prediction[];
    readonly input?: Float32Array;
  }[];
}

export type Charset = 'digits' | 'letters' | 'all';

export interface RecognizeOptions {
  /** How many predictions to return (default 5). */
  readonly top?: number;
  readonly debug?: boolean;
}

export interface SequenceOptions extends RecognizeOptions {
  readonly charset?: Charset;
}

/**
 * A loaded model plus its own preprocessing: raw pixels in, labels out.
 *
 * @public
 */
export interface Recognizer {
  readonly metadata: ModelMetadata;
  /** The fitted calibration in use, if the model folder has one for this model. */
  readonly calibration?: ModelCalibration;
  recognize(image: RawImage, options?: RecognizeOptions): Promise<Recognition>;
  /** One forward pass for all images; answers equal `recognize` of each. */
  recognizeBatch(images: readonly RawImage[], options?: RecognizeOptions): Promise<Recognition[]>;
  recognizeSequence(image: RawImage, options?: SequenceOptions): Promise<SequenceRecognition>;
  dispose(): void;
}
