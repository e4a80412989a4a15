import { GlyphError, errorCodes, type ErrorCode } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import type { ModelMetadata } from '@glyph/core/model';
import type {
  Recognition,
  RecognizeOptions,
  SequenceOptions,
  SequenceRecognition,
} from '@glyph/core/recognize';

/** What the main thread gives an inference worker at start. */
export interface InferenceWorkerData {
  readonly folder: string;
  readonly backend: string;
  /** Added to the thread's nice value on Linux (a background thread for large images); default 0. */
  readonly niceness?: number;
}

/** Main thread → worker. */
export type WorkerRequest =
  | {
      readonly id: number;
      readonly kind: 'batch';
      readonly images: RawImage[];
      readonly options: RecognizeOptions;
    }
  | {
      readonly id: number;
      readonly kind: 'sequence';
      readonly image: RawImage;
      readonly options: SequenceOptions;
    };

export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** Worker → main thread. */
export type WorkerReply =
  | { readonly type: 'ready'; readonly metadata: ModelMetadata }
  | { readonly type: 'failed'; readonly error: SerializedError }
  | { readonly type: 'result'; readonly id: number; readonly result: Recognition[] | SequenceRecognition }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

/** Errors cross the thread boundary as code + message and become GlyphErrors again on the other side. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof GlyphError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  return { code: 'INTERNAL', message };
}

export function deserializeError(error: SerializedError): GlyphError {
  return new GlyphError(error.code in errorCodes ? error.code : 'INTERNAL', error.message);
}
