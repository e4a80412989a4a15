import { errorCodes, type ErrorCode } from './error-codes';

/**
 * The one error type of Glyph. `message` says what happened, what was expected and how to fix it;
 * `code` is stable and maps to an exit code and HTTP status through `errorCodes`.
 *
 * @public
 */
export class GlyphError extends Error {
  readonly code: ErrorCode;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GlyphError';
    this.code = code;
    this.details = options?.details;
  }

  get exitCode(): number {
    return errorCodes[this.code].exitCode;
  }

  get httpStatus(): number {
    return errorCodes[this.code].httpStatus;
  }
}

export function isGlyphError(value: unknown): value is GlyphError {
  return value instanceof GlyphError;
}
