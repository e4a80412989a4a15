import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import { fromWireError, ThreadChannel } from '@glyph/node/threads';
import type { DecodeItem, DecodeReply, DecodeRequest } from './decode-messages';

const entry = new URL('./decode-worker.ts', import.meta.url);

/** One decode worker thread, given one group of images at a time (its lane keeps the queue). */
export type DecodeThread = ThreadChannel<DecodeRequest, DecodeReply>;

/**
 * Starts a decode thread at `niceness` (0: the process priority). An idle one does not keep the
 * process alive; one that dies fails its image with INTERNAL and then calls `onDeath`.
 */
export function startDecodeThread(niceness: number, onDeath: () => void): Promise<DecodeThread> {
  return ThreadChannel.start<DecodeRequest, DecodeReply>(entry, {
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

/**
 * Decodes `items` on `thread`, one after another; their bytes move to it (pass copies the caller
 * will not read again). One promise per item: an image that does not decode fails alone, a thread
 * that dies fails them all.
 */
export function decodeOn(thread: DecodeThread, items: readonly DecodeItem[]): Promise<RawImage>[] {
  const reply = thread.request(
    { items },
    items.map((item) => item.bytes.buffer as ArrayBuffer),
  );
  return items.map((_, index) =>
    reply.then((outcomes) => {
      const outcome = outcomes[index];
      if ('error' in outcome) throw fromWireError(outcome.error);
      return outcome.image;
    }),
  );
}
