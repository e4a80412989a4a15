import { describe, expect, it } from 'vitest';
import { errorCodes } from './error-codes';
import { GlyphError, isGlyphError } from './glyph-error';

describe('GlyphError', () => {
  it('maps its code to the exit code and HTTP status of the one table', () => {
    const error = new GlyphError('UNSUPPORTED_MEDIA_TYPE', 'not an image');
    expect(error.exitCode).toBe(errorCodes.UNSUPPORTED_MEDIA_TYPE.exitCode);
    expect(error.httpStatus).toBe(415);
    expect(isGlyphError(error)).toBe(true);
    expect(isGlyphError(new Error('x'))).toBe(false);
  });

  it('gives bad usage exit code 2 and every client error a 4xx', () => {
    expect(new GlyphError('BAD_USAGE', 'x').exitCode).toBe(2);
    for (const code of [
      'IMAGE_UNDECODABLE',
      'PAYLOAD_TOO_LARGE',
      'MODEL_NOT_FOUND',
      'LABEL_UNKNOWN',
    ] as const) {
      expect(errorCodes[code].httpStatus).toBeGreaterThanOrEqual(400);
      expect(errorCodes[code].httpStatus).toBeLessThan(500);
    }
  });
});
