import { describe, expect, it } from 'vitest';
import { knowsDigitsAndLetters } from './mode-controls';

describe('knowsDigitsAndLetters', () => {
  it('is true only when the labels mix digits and letters', () => {
    expect(knowsDigitsAndLetters(['0', '1', 'a', 'B'])).toBe(true);
    expect(knowsDigitsAndLetters(['0', '1', '2'])).toBe(false);
    expect(knowsDigitsAndLetters(['a', 'b', 'ü'])).toBe(false);
    expect(knowsDigitsAndLetters(['cat', 'dog', '7'])).toBe(false);
  });
});
