import { describe, expect, it } from 'vitest';
import { contentHash32, fnv1a32 } from './content-hash';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('fnv1a32', () => {
  it('matches the published FNV-1a test vectors', () => {
    expect(fnv1a32(ascii(''))).toBe(0x811c9dc5);
    expect(fnv1a32(ascii('a'))).toBe(0xe40c292c);
    expect(fnv1a32(ascii('foobar'))).toBe(0xbf9cf968);
  });
});

describe('contentHash32', () => {
  it('depends only on the bytes and spreads neighbouring inputs over the whole range', () => {
    expect(contentHash32(Uint8Array.of(1, 2, 3))).toBe(contentHash32(new Uint8Array([1, 2, 3])));
    expect(contentHash32(Uint8Array.of(1, 2, 3))).not.toBe(contentHash32(Uint8Array.of(1, 2, 4)));
    // The top bit decides holdout membership at 0.5: for consecutive single bytes it must vary.
    let topBitSet = 0;
    for (let value = 0; value < 256; value++) if (contentHash32(Uint8Array.of(value)) >= 2 ** 31) topBitSet++;
    expect(topBitSet).toBeGreaterThan(100);
    expect(topBitSet).toBeLessThan(156);
  });
});
