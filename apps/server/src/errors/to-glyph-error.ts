import { GlyphError, isGlyphError } from '@glyph/core';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: unknown;
  validationContext?: string;
}

/**
 * Every error a request can meet, as a GlyphError: ours pass through; Fastify's and its plugins'
 * client errors get the code that says what the client did wrong. Anything else is a bug (INTERNAL).
 */
export function toGlyphError(error: unknown): GlyphError {
  if (isGlyphError(error)) return error;
  const fastifyError = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  const code = fastifyError.code ?? '';
  const message = fastifyError.message ?? String(error);
  const known = knownFastifyCodes[code];
  if (known) return new GlyphError(known.code, known.message(message), { cause: error });
  if (isMultipartParserError(error)) {
    return new GlyphError(
      'BAD_USAGE',
      `The multipart body is malformed (${message}). Send multipart/form-data with a boundary parameter (1–70 characters) that the body uses, and end it with --<boundary>--.`,
      { cause: error },
    );
  }
  if (fastifyError.validation !== undefined) {
    return new GlyphError(
      'BAD_USAGE',
      `Invalid request ${fastifyError.validationContext ?? 'input'}: ${message}. See /api/docs for the accepted parameters.`,
      { cause: error },
    );
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new GlyphError('BAD_USAGE', `The request could not be processed: ${message}.`, { cause: error });
  }
  return new GlyphError('INTERNAL', 'An unexpected error occurred; the server log has the details.', {
    cause: error,
  });
}

/**
 * The multipart parser (busboy, under @fastify/multipart) reports a malformed body — no, empty or
 * overlong boundary, a boundary the body never uses, a body that ends mid-part — with plain `Error`s
 * and no code. They are told apart from our own bugs by where they were raised.
 */
function isMultipartParserError(error: unknown): boolean {
  return error instanceof Error && /[\\/]@fastify[\\/]busboy[\\/]/.test(error.stack ?? '');
}

const tooLarge = (limitHint: string) => (message: string) =>
  `The request body is too large (${message}). ${limitHint}`;

const knownFastifyCodes: Record<string, { code: GlyphError['code']; message: (original: string) => string }> =
  {
    FST_ERR_CTP_BODY_TOO_LARGE: {
      code: 'PAYLOAD_TOO_LARGE',
      message: tooLarge('Send a smaller image, or start the server with a larger --body-limit.'),
    },
    FST_REQ_FILE_TOO_LARGE: {
      code: 'PAYLOAD_TOO_LARGE',
      message: tooLarge('Send a smaller image, or start the server with a larger --body-limit.'),
    },
    FST_FILES_LIMIT: {
      code: 'BAD_USAGE',
      message: () => 'Send exactly one file, in the multipart field "image".',
    },
    FST_PARTS_LIMIT: {
      code: 'BAD_USAGE',
      message: () => 'Too many multipart parts; send one field "image".',
    },
    FST_FIELDS_LIMIT: {
      code: 'BAD_USAGE',
      message: () => 'Too many multipart fields; send one field "image".',
    },
    FST_MP_PREMATURE_CLOSE: {
      code: 'BAD_USAGE',
      message: () => 'The multipart body ended before its closing boundary; send the whole body.',
    },
    FST_INVALID_MULTIPART_CONTENT_TYPE: {
      code: 'BAD_USAGE',
      message: () =>
        'The body is not multipart/form-data with a boundary; send the image in a field "image".',
    },
    FST_ERR_BAD_URL: {
      code: 'BAD_USAGE',
      message: (original) =>
        `The URL path is not valid percent-encoding (${original}); encode reserved characters as %XX.`,
    },
    FST_ERR_CTP_INVALID_MEDIA_TYPE: {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: (original) =>
        `${original}. Send the image bytes, multipart field "image", or JSON {"image": "<data URL>"}.`,
    },
    FST_ERR_CTP_EMPTY_JSON_BODY: {
      code: 'BAD_USAGE',
      message: () => 'The JSON body is empty; send a JSON object.',
    },
    FST_ERR_CTP_INVALID_JSON_BODY: {
      code: 'BAD_USAGE',
      message: (original) => `The body is not valid JSON (${original}).`,
    },
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
      code: 'BAD_USAGE',
      message: () => 'The Content-Length header does not match the body.',
    },
  };
