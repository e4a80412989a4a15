import type { RawImage } from '../image/raw-image';
import type { ModelMetadata } from '../model/metadata';

export interface Prediction {
  readonly label: string;
  /** Softmax probability in [0,1]. */
  readonly confidence: number;
}

export interface Recognition {
  /** True when the image holds no ink (or nothing recognisable): `predictions` is then empty. */
  readonly empty: boolean;
  /** Top-k, most confident first. */
  readonly predictions: readonly Prediction[];
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

/** A loaded model plus its own preprocessing: raw pixels in, labels out. */
export interface Recognizer {
  readonly metadata: ModelMetadata;
  recognize(image: RawImage, options?: RecognizeOptions): Promise<Recognition>;
  /** One forward pass for all images; answers equal `recognize` of each. */
  recognizeBatch(images: readonly RawImage[], options?: RecognizeOptions): Promise<Recognition[]>;
  recognizeSequence(image: RawImage, options?: SequenceOptions): Promise<SequenceRecognition>;
  dispose(): void;
}
