import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorCodes, GlyphError } from '@glyph/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from './error-handler';
import { sendError } from './error-handler';
import { toGlyphError } from './to-glyph-error';

/** What Node's HTTP parser reports (`HPE_*`, with a `reason`) or its request timeout. */
interface ConnectionError extends Error {
  code?: string;
  reason?: string;
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees a request (headers over the limit,
 * Content-Length with Transfer-Encoding, bad chunking, a line that is not HTTP, a client too slow to
 * send its request) get the same `{error: {code, message}}` body as every other error, written on
 * the raw socket; then the connection is closed, since the byte stream can no longer be trusted.
 */
export function answerProtocolError(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node does: never write into a response that has already started on this connection.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) socket.write(rawAnswer(protocolError(error)));
  socket.destroy(error);
}

/**
 * Fastify's own refusals of a request it has parsed but cannot route (a path with broken
 * percent-encoding, an overlong parameter), in our shape.
 */
export function answerFrameworkError(
  error: unknown,
  _request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  return sendError(reply, toGlyphError(error));
}

/** The GlyphError for a connection-level error; its status comes from the one error table. */
export function protocolError(error: ConnectionError): GlyphError {
  const reason = error.reason ?? error.message;
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new GlyphError(
        'HEADERS_TOO_LARGE',
        'The request headers are larger than the server accepts (16 KiB by default, Node’s --max-http-header-size). Send fewer or shorter headers, e.g. cookies.',
        { cause: error },
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GlyphError(
        'REQUEST_TIMEOUT',
        'The request was not received in full within the server’s request timeout (--request-timeout). Send the whole request promptly.',
        { cause: error },
      );
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return new GlyphError(
        'BAD_USAGE',
        'The request has both Content-Length and Transfer-Encoding; send exactly one of them.',
        { cause: error },
      );
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_STRICT':
      return new GlyphError(
        'BAD_USAGE',
        `The chunked body is malformed (${reason}); each chunk starts with its size in hexadecimal and the body ends with a 0-size chunk.`,
        { cause: error },
      );
    default:
      return new GlyphError(
        'BAD_USAGE',
        `The request is not valid HTTP/1.1 (${reason}). Check the request line, the headers and the body framing.`,
        { cause: error },
      );
  }
}

function rawAnswer(error: GlyphError): string {
  const status = errorCodes[error.code].httpStatus;
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}
