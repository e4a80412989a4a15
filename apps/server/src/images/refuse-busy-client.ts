import type { Readable } from 'node:stream';
import type { GlyphError } from '@glyph/core';
import type { preParsingAsyncHookHandler } from 'fastify';
import type { AppContext } from '../app-context';
import { requestDeadline } from '../deadline';
import { retryAfterSeconds, sendError } from '../errors/error-handler';

/**
 * Bodies up to this size are always read: a canvas PNG is about 5 KB (7 KB as a data URL), while an
 * image above the heavy threshold rarely fits (the decompression-amplifying PNG is 74 KB).
 */
export const SMALL_BODY_BYTES = 64 * 1024;

/** Width × height from a PNG's IHDR, if `head` starts with one. */
function pngPixels(head: Buffer): number | undefined {
  const signature = '89504e470d0a1a0a';
  if (head.length < 24 || head.subarray(0, 8).toString('hex') !== signature) return undefined;
  if (head.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
  return head.readUInt32BE(16) * head.readUInt32BE(20);
}

/** The first chunk of `payload`, put back so that the body parser still reads the whole body. */
async function peek(payload: Readable): Promise<Buffer | undefined> {
  for (;;) {
    const chunk = payload.read() as Buffer | null;
    if (chunk) {
      payload.unshift(chunk);
      return chunk;
    }
    if (payload.readableEnded || payload.destroyed) return undefined;
    await new Promise<void>((resolve) => {
      const done = () => {
        payload.off('readable', done).off('end', done).off('close', done);
        resolve();
      };
      payload.on('readable', done).on('end', done).on('close', done);
    });
  }
}

/**
 * A `preParsing` hook for the image routes, refusing (`503 OVERLOADED`, `Retry-After`,
 * `Connection: close`) what would be refused after reading, without reading it:
 * - a body of more than `SMALL_BODY_BYTES` from a client that already has its allowance of heavy
 *   images in flight;
 * - a raw PNG whose header declares a heavy image that the pixel budget cannot take now.
 * A flood of large images then costs the server a header and a first chunk each, instead of
 * reading, copying and parsing every body only to refuse it; small images (canvases) are always
 * read and served. A client that comes back before the `Retry-After` of its last refusal is held,
 * unread, until then (`EarlyRetryHold`) and looked at again: re-sending at once gains nothing and
 * no longer costs the server an answer per attempt.
 */
export function refuseUnreadWhenBusy(context: AppContext): preParsingAsyncHookHandler {
  const { clientDecodes, pixels, earlyRetries } = context;
  return async (request, reply, payload) => {
    if (Number(request.headers['content-length'] ?? 0) <= SMALL_BODY_BYTES) return payload;
    const wouldRefuse = async (): Promise<GlyphError | undefined> => {
      if (clientDecodes.isFull(request.ip))
        return clientDecodes.refusal(clientDecodes.heavyInFlight(request.ip));
      const head = await peek(payload);
      const declared = head && pngPixels(head);
      if (declared && declared > clientDecodes.heavyPixels && !pixels.fits(declared)) {
        return pixels.refusal(declared);
      }
      return undefined;
    };
    let refusal = await wouldRefuse();
    if (refusal && earlyRetries.remainingMs(request.ip) > 0) {
      const { signal, clear } = requestDeadline(reply, context.options.requestTimeoutMs);
      const waited = await earlyRetries.hold(request.ip, signal);
      clear();
      if (signal.aborted) return payload; // nobody to answer; the body is never read
      if (waited) refusal = await wouldRefuse();
    }
    if (!refusal) return payload;
    earlyRetries.refused(request.ip, retryAfterSeconds(refusal) ?? 1);
    reply.header('connection', 'close');
    sendError(reply, refusal);
    return payload;
  };
}
