import { GlyphError } from '@glyph/core';
import type { FastifyReply } from 'fastify';

export interface Deadline {
  readonly signal: AbortSignal;
  /** Cancels the timer: call when the work is done, so nothing it references outlives the request. */
  clear(): void;
}

/**
 * An abort signal that fires after `timeoutMs`. Unlike `AbortSignal.timeout`, it can be cleared, so
 * a finished request's image is not kept alive by a pending timer for the rest of the timeout.
 */
export function deadline(timeoutMs: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timedOut()), timeoutMs);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * `deadline(timeoutMs)` that also fires when the client goes away before its answer is written, so
 * queued decodes and predictions of an abandoned request are dropped and its pixels given back.
 */
export function requestDeadline(reply: FastifyReply, timeoutMs: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timedOut()), timeoutMs);
  const response = reply.raw;
  const onClose = () => {
    if (!response.writableFinished) controller.abort(clientGone());
  };
  response.once('close', onClose);
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      response.off('close', onClose);
    },
  };
}

/** The error to answer (or log) for work stopped by `signal`. */
export function abortError(signal: AbortSignal): GlyphError {
  return signal.reason instanceof GlyphError ? signal.reason : timedOut();
}

function timedOut(): GlyphError {
  return new GlyphError(
    'TIMEOUT',
    'The request did not finish within the request timeout. The server is busy; retry shortly.',
    { details: { retryAfterSeconds: 1 } },
  );
}

function clientGone(): GlyphError {
  return new GlyphError(
    'TIMEOUT',
    'The client closed the connection before the answer; the work was dropped.',
  );
}
