import type { RawImage } from '@glyph/core/image';
import type {
  Recognition,
  RecognizeOptions,
  SequenceOptions,
  SequenceRecognition,
} from '@glyph/core/recognize';

/** What the main thread gives an inference thread at start. */
export interface InferenceWorkerData {
  readonly folder: string;
  readonly backend: string;
}

/** Main thread → inference thread. */
export type InferenceRequest =
  | { readonly kind: 'batch'; readonly images: RawImage[]; readonly options: RecognizeOptions }
  | { readonly kind: 'sequence'; readonly image: RawImage; readonly options: SequenceOptions };

/** Inference thread → main thread: `Recognition[]` for a batch, `SequenceRecognition` for a sequence. */
export type InferenceReply = Recognition[] | SequenceRecognition;
