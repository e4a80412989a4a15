import type { RawImage } from '@glyph/core/image';
import type { WireError } from '@glyph/node/threads';

/** One image to decode; its bytes move to the thread (transferred), they are not shared. */
export interface DecodeItem {
  readonly bytes: Uint8Array;
  readonly maxPixels: number;
}

/**
 * Main thread → decode thread: the images waiting in the lane when the thread became free, decoded
 * one after another and answered together, so a busy server pays one message each way per group of
 * images, not per image.
 */
export interface DecodeRequest {
  readonly items: readonly DecodeItem[];
}

/** Decode thread → main thread: one outcome per item, in order; a failed image fails alone. */
export type DecodeOutcome = { readonly image: RawImage } | { readonly error: WireError };
export type DecodeReply = readonly DecodeOutcome[];
