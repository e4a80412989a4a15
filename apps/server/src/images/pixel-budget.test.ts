import { describe, expect, it } from 'vitest';
import { PixelBudget } from './pixel-budget';

describe('PixelBudget', () => {
  it('refuses pixels beyond the limit with OVERLOADED until some are released', () => {
    const budget = new PixelBudget(1000);
    const first = budget.acquire(600);
    const second = budget.acquire(300);
    expect(() => budget.acquire(200)).toThrow(expect.objectContaining({ code: 'OVERLOADED' }));
    first();
    first(); // releasing twice gives nothing back twice
    expect(budget.pixelsInUse).toBe(300);
    const third = budget.acquire(700);
    second();
    third();
    expect(budget.pixelsInUse).toBe(0);
  });

  it('always admits one image, however large, when nothing else is held', () => {
    const budget = new PixelBudget(1000);
    const release = budget.acquire(5000);
    expect(() => budget.acquire(1)).toThrow(expect.objectContaining({ code: 'OVERLOADED' }));
    release();
  });
});

describe('PixelBudget with large images', () => {
  it('keeps a quarter of the budget for images of at most heavyPixels', () => {
    const budget = new PixelBudget(1000, 100);
    const large = [budget.acquire(300), budget.acquire(300)];
    expect(() => budget.acquire(200)).toThrow(expect.objectContaining({ code: 'OVERLOADED' }));
    const small = [budget.acquire(100), budget.acquire(100), budget.acquire(100)];
    expect(budget.pixelsInUse).toBe(900);
    for (const release of [...large, ...small]) release();
    expect(budget.pixelsInUse).toBe(0);
  });
});
