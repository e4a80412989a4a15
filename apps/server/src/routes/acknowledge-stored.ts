import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { GlyphError } from '@glyph/core';
import type { StoredFeedback } from '../feedback/feedback-store';

/**
 * Sends the 201 of a feedback post whose samples are `stored`, and takes them back out of the store
 * when that answer never reaches the client: it hung up while the samples were written, or the
 * connection closed before the answer was handed to it whole. A client whose answer was written but
 * lost on the wire keeps its sample (the server cannot tell); it shows in the feedback listing.
 */
export function acknowledgeStored(
  reply: FastifyReply,
  stored: readonly StoredFeedback[],
  discard: (stored: readonly StoredFeedback[]) => Promise<void>,
  answer: object,
): FastifyReply {
  const response = reply.raw;
  const log = reply.log;
  if (response.destroyed) {
    void takeBack(stored, discard, log);
    throw new GlyphError(
      'TIMEOUT',
      'The client closed the connection while its feedback was being stored; it was removed again.',
    );
  }
  let finished = false;
  response.once('finish', () => (finished = true));
  response.once('close', () => {
    if (!finished) void takeBack(stored, discard, log);
  });
  return reply.code(201).send(answer);
}

async function takeBack(
  stored: readonly StoredFeedback[],
  discard: (stored: readonly StoredFeedback[]) => Promise<void>,
  log: FastifyBaseLogger,
): Promise<void> {
  const paths = stored.map((sample) => sample.relativePath);
  try {
    await discard(stored);
    log.info({ paths }, 'feedback removed: its client never got the 201');
  } catch (error) {
    log.error({ err: error, paths }, 'removing feedback whose client never got the 201 failed');
  }
}
