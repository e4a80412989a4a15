import { GlyphError } from '@glyph/core';
import { describe, expect, it } from 'vitest';
import { fromWireError, toWireError, type WireError } from './wire-error';

/** As the error crosses: through structured cloning, as postMessage does. */
const across = (error: unknown): Error => fromWireError(structuredClone(toWireError(error)));

describe('wire errors', () => {
  it('bring a GlyphError back with its code, message, details and stack', () => {
    const original = new GlyphError('OVERLOADED', 'busy', { details: { retryAfterSeconds: 1 } });
    const back = across(original);
    expect(back).toBeInstanceOf(GlyphError);
    expect(back).toMatchObject({ code: 'OVERLOADED', message: 'busy', details: { retryAfterSeconds: 1 } });
    expect((back as GlyphError).httpStatus).toBe(original.httpStatus);
    expect(back.stack).toBe(original.stack);
    expect(across(new GlyphError('BAD_USAGE', 'x'))).not.toHaveProperty('details', expect.anything());
  });

  it('bring a plain Error back as a plain Error with its name, message and stack', () => {
    const original = new RangeError('out of range');
    const back = across(original);
    expect(back).not.toBeInstanceOf(GlyphError);
    expect(back).toMatchObject({ name: 'RangeError', message: 'out of range', stack: original.stack });
  });

  it('turn a thrown non-Error into an Error with its text', () => {
    expect(across('just a string')).toMatchObject({ name: 'Error', message: 'just a string' });
  });

  it('make a code this side does not know INTERNAL', () => {
    const wire = { code: 'FROM_A_NEWER_VERSION', message: 'm' } as unknown as WireError;
    expect(fromWireError(wire)).toMatchObject({ code: 'INTERNAL', message: 'm' });
  });
});
