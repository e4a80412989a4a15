import { describe, expect, it } from 'vitest';
import { labelForKey } from './sample-pad';

describe('labelForKey', () => {
  it('adds to the label that is the key, so 1 is the digit 1, not the first label', () => {
    const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    expect(labelForKey(digits, '1')).toBe('1');
    expect(labelForKey(digits, '0')).toBe('0');
    expect(labelForKey(['a', 'b', 'c'], 'b')).toBe('b');
  });

  it('maps 1–9 to the first nine labels when labels have no keys of their own', () => {
    const symbols = ['✓', '✗', '△', '○'];
    expect(labelForKey(symbols, '1')).toBe('✓');
    expect(labelForKey(symbols, '4')).toBe('○');
    expect(labelForKey(symbols, '5')).toBeUndefined();
    expect(labelForKey(symbols, 'x')).toBeUndefined();
  });
});
