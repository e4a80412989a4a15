// A decode thread: turns image bytes into pixels for the main thread, so neither zlib, the PNG
// unfiltering loop nor sharp's bookkeeping runs on the thread that answers HTTP. Started by
// `decode-thread.ts` (heavy lanes at a lower OS priority).
import type { RawImage } from '@glyph/core/image';
import { decodeImage } from '@glyph/node/image';
import { serveThread, toWireError } from '@glyph/node/threads';
import type { DecodeOutcome, DecodeReply, DecodeRequest } from './decode-messages';

serveThread<undefined, DecodeRequest, DecodeReply>(() => ({
  handle: async ({ items }) => {
    const outcomes: DecodeOutcome[] = [];
    for (const { bytes, maxPixels } of items) {
      try {
        const image = await decodeImage(bytes, { maxPixels });
        outcomes.push({
          image: ownsItsBuffer(image.data) ? image : { ...image, data: new Uint8Array(image.data) },
        });
      } catch (error) {
        outcomes.push({ error: toWireError(error) });
      }
    }
    return outcomes;
  },
  // The pixels move to the main thread (or are copied if their memory cannot move).
  transferOf: (outcomes) =>
    outcomes.flatMap((outcome) => ('image' in outcome ? [outcome.image.data.buffer as ArrayBuffer] : [])),
}));

function ownsItsBuffer(data: RawImage['data']): boolean {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
}
