import { GlyphError, errorCodes, isGlyphError } from '@glyph/core';

/**
 * How a server-side entry run as a child process (`glyph serve`, `glyph feedback export`) talks to
 * the parent that started it with an IPC channel; without one it writes to stderr instead.
 */

/** Sends `message` if a parent listens; resolves once it is written (so exiting cannot drop it). */
export async function tellParent(message: object): Promise<boolean> {
  const send = process.send?.bind(process);
  if (!send || !process.connected) return false;
  await new Promise<void>((resolve) => send(message, undefined, undefined, () => resolve()));
  return true;
}

/**
 * Reports an error that ends the entry, `{type: 'fatal', code, message}` to the parent or one
 * `error [CODE]: message` line (with the stack of a non-Glyph error), and returns the exit code.
 */
export async function reportFatal(error: unknown): Promise<number> {
  const glyphError = isGlyphError(error)
    ? error
    : new GlyphError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
  if (!(await tellParent({ type: 'fatal', code: glyphError.code, message: glyphError.message }))) {
    process.stderr.write(`error [${glyphError.code}]: ${glyphError.message}\n`);
    if (!isGlyphError(error) && error instanceof Error && error.stack)
      process.stderr.write(`${error.stack}\n`);
  }
  return errorCodes[glyphError.code].exitCode;
}
