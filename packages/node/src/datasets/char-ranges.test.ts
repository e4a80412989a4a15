import { describe, expect, it } from 'vitest';
import { parseCharRanges } from './char-ranges';

describe('parseCharRanges', () => {
  it('expands ranges and lists in order, each character once', () => {
    expect(parseCharRanges('a-z')).toHaveLength(26);
    expect(parseCharRanges('a-z,A-Z,0-9').join('')).toBe(
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    );
    expect(parseCharRanges('xyz,a-c,x')).toEqual(['x', 'y', 'z', 'a', 'b', 'c']);
    expect(parseCharRanges('-')).toEqual(['-']);
  });

  it('refuses backwards ranges, empty parts and spaces with a usage error', () => {
    for (const spec of ['z-a', 'a-z,', '', 'a b']) {
      expect(() => parseCharRanges(spec)).toThrow(expect.objectContaining({ code: 'BAD_USAGE' }));
    }
  });
});
