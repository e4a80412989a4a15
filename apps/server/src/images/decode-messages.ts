import type { RawImage } from '@glyph/core/image';
import type { SerializedError } from '../inference/worker-messages';

/** What the main thread gives a decode thread at start. */
export interface DecodeWorkerData {
  /** Added to the thread's nice value on Linux (0: unchanged). */
  readonly niceness: number;
}

/** Main thread → decode thread: the bytes move (transferred), they are not shared. */
export interface DecodeRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly maxPixels: number;
}

/** Decode thread → main thread. */
export type DecodeReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly image: RawImage }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };
