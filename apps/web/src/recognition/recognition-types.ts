// One small interface for both places a prediction can run: in this tab (TF.js) or on the server.
// Views talk only to `RecognitionService`, so the toggle between the two is a one-line choice.
import type { Box, Charset, Prediction, Rejection } from '@glyph/core/recognize';

/** Where a prediction runs: in this tab or on the server. */
export type RecognitionSite = 'browser' | 'server';
export type RecognitionMode = 'single' | 'sequence';

/** An image to recognise: its pixels (for TF.js) and a lossless encoding of them (for the server). */
export interface RecognitionInput {
  readonly imageData: ImageData;
  toBlob(): Promise<Blob>;
}

export interface RecognizeRequest {
  readonly mode: RecognitionMode;
  readonly top: number;
  /** Sequence mode: the characters a sequence may contain (default all the model knows). */
  readonly charset?: Charset;
}

/** The 28×28 (or other) model input, for "what the model sees". */
export type ModelInputImage =
  | {
      readonly kind: 'pixels';
      readonly width: number;
      readonly height: number;
      readonly channels: number;
      /** `[height*width*channels]` float32 in [0,1]. */
      readonly pixels: Float32Array;
    }
  | { readonly kind: 'url'; readonly url: string };

export interface CharacterResult {
  /** In pixels of the recognised image. */
  readonly box: Box;
  readonly predictions: readonly Prediction[];
  /** The character's model input, when the service returns it. */
  readonly modelInput?: ModelInputImage;
}

export interface RecognitionResult {
  readonly empty: boolean;
  /** Single mode: top-k for the whole image. Sequence mode: empty (see `characters`). */
  readonly predictions: readonly Prediction[];
  /** Single mode: why the answer should not be taken as read (several characters, not a character, unsure). */
  readonly rejected?: Rejection;
  readonly text?: string;
  readonly characters?: readonly CharacterResult[];
  readonly modelInput?: ModelInputImage;
}

export interface RecognitionService {
  readonly site: RecognitionSite;
  readonly modelId: string;
  /** Shown to the user, e.g. "In this browser · WASM". */
  readonly description: string;
  recognize(input: RecognitionInput, request: RecognizeRequest): Promise<RecognitionResult>;
  dispose(): void;
}
