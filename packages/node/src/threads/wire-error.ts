import { GlyphError, errorCodes, isGlyphError, type ErrorCode } from '@glyph/core';

/**
 * An error as it crosses between threads. Structured cloning keeps only an Error's message and
 * stack, so a GlyphError would arrive without its code: it travels as this plain object instead.
 */
export interface WireError {
  readonly message: string;
  readonly name?: string;
  readonly stack?: string;
  /** Set for a GlyphError only. */
  readonly code?: ErrorCode;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function toWireError(error: unknown): WireError {
  if (isGlyphError(error)) {
    const { name, message, stack, code, details } = error;
    return { name, message, stack, code, ...(details !== undefined && { details }) };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { message: String(error) };
}

/**
 * The error again on this side: a GlyphError with its code (INTERNAL if this side does not know the
 * code) and details, or a plain Error with its name; both keep the other thread's stack.
 */
export function fromWireError(wire: WireError): Error {
  const error =
    wire.code === undefined
      ? new Error(wire.message)
      : new GlyphError(
          wire.code in errorCodes ? wire.code : 'INTERNAL',
          wire.message,
          wire.details && { details: { ...wire.details } },
        );
  if (wire.code === undefined && wire.name !== undefined) error.name = wire.name;
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
