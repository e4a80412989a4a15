import { errorCodes, type GlyphError } from '@glyph/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toGlyphError } from './to-glyph-error';

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/**
 * Answers every failed request with `{error: {code, message}}` and the status the one error table
 * (`errorCodes`) gives its code. Overload and timeout answers carry `Retry-After`.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const glyphError = toGlyphError(error);
    logError(request, glyphError);
    return sendError(reply, glyphError);
  });
}

/** The `Retry-After` an error's answer carries, in seconds, if any. */
export function retryAfterSeconds(error: GlyphError): number | undefined {
  const seconds = error.details?.retryAfterSeconds;
  if (typeof seconds === 'number') return seconds;
  return errorCodes[error.code].httpStatus === 503 ? 1 : undefined;
}

export function sendError(reply: FastifyReply, error: GlyphError): FastifyReply {
  const status = errorCodes[error.code].httpStatus;
  const retryAfter = retryAfterSeconds(error);
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function logError(request: FastifyRequest, error: GlyphError): void {
  const status = errorCodes[error.code].httpStatus;
  if (
    status >= 500 &&
    error.code !== 'OVERLOADED' &&
    error.code !== 'NOT_READY' &&
    error.code !== 'TIMEOUT'
  ) {
    request.log.error({ err: error.cause ?? error, code: error.code }, error.message);
  } else {
    request.log.info({ code: error.code }, error.message);
  }
}
