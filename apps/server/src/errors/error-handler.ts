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

export function sendError(reply: FastifyReply, error: GlyphError): FastifyReply {
  const status = errorCodes[error.code].httpStatus;
  const retryAfterSeconds = error.details?.retryAfterSeconds;
  if (typeof retryAfterSeconds === 'number') reply.header('retry-after', String(retryAfterSeconds));
  else if (status === 503) reply.header('retry-after', '1');
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
