import { describe, expect, it } from 'vitest';
import { sampleName } from './sample-name';

describe('sampleName', () => {
  it('names a sample by its file, keeping the end of a long path, else by its index', () => {
    expect(sampleName({ index: 7 })).toBe('#7');
    expect(sampleName({ index: 7, source: '8/2026-01-01-ab.png' })).toBe('8/2026-01-01-ab.png');
    expect(sampleName({ index: 7, source: 'digits/8/2026-01-01T10-00-00-abcdef.png' }, 16)).toBe(
      '…0-00-abcdef.png',
    );
    expect(sampleName({ index: 7, source: 'digits/8/2026-01-01T10-00-00-abcdef.png' }, 16)).toHaveLength(16);
  });
});
