import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import { ThreadChannel } from '@glyph/node/threads';
import type { DecodeRequest } from './decode-messages';

const entry = new URL('./decode-worker.ts', import.meta.url);

/** One decode worker thread, given one image at a time (its lane keeps the queue). */
export type DecodeThread = ThreadChannel<DecodeRequest, RawImage>;

/**
 * Starts a decode thread at `niceness` (0: the process priority). An idle one does not keep the
 * process alive; one that dies fails its image with INTERNAL and then calls `onDeath`.
 */
export function startDecodeThread(niceness: number, onDeath: () => void): Promise<DecodeThread> {
  return ThreadChannel.start<DecodeRequest, RawImage>(entry, {
    data: undefined,
    niceness,
    keepsProcessAlive: false,
    onStop: onDeath,
    stoppedError: ({ reason, whileStarting }) =>
      new GlyphError(
        'INTERNAL',
        whileStarting
          ? `A decode thread stopped (${reason}) at start.`
          : `A decode thread stopped (${reason}); the server replaces it. Retry.`,
      ),
  });
}

/** Decodes `bytes` on `thread`; they move to it: pass a copy the caller will not read again. */
export function decodeOn(thread: DecodeThread, bytes: Uint8Array, maxPixels: number): Promise<RawImage> {
  return thread.request({ bytes, maxPixels }, [bytes.buffer as ArrayBuffer]);
}
