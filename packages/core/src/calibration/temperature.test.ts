import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/seeded-random';
import { applyTemperature, fitTemperature, temperedLogLoss } from './temperature';

function softmax(logits: readonly number[], temperature = 1): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp((z - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

describe('applyTemperature', () => {
  it('turns softmax(z) into softmax(z / T) without the logits', () => {
    const logits = [2.5, -1, 0.3, 7, 4.2];
    for (const temperature of [0.5, 1, 1.7, 4]) {
      const tempered = applyTemperature(softmax(logits), temperature);
      const expected = softmax(logits, temperature);
      tempered.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 5));
    }
  });

  it('keeps finite probabilities when the softmax saturated to exactly 0', () => {
    const tempered = applyTemperature([1, 0, 0], 2);
    expect(tempered[0]).toBe(1);
    expect(Array.from(tempered).every(Number.isFinite)).toBe(true);
  });
});

describe('fitTemperature', () => {
  it('recovers the temperature of an overconfident model from held-out samples', () => {
    // Labels are drawn from softmax(z / 2.5) but the model reports softmax(z): overconfident by T = 2.5.
    const random = mulberry32(3);
    const rows: number[][] = [];
    const truth: number[] = [];
    for (let n = 0; n < 4000; n++) {
      const logits = Array.from({ length: 10 }, (_, k) => (k === n % 10 ? 6 : 0) + random() * 4);
      const honest = softmax(logits, 2.5);
      let u = random();
      let label = 0;
      while (label < 9 && u > honest[label]) u -= honest[label++];
      rows.push(softmax(logits));
      truth.push(label);
    }
    const fitted = fitTemperature(rows, truth);
    expect(fitted).toBeGreaterThan(2.2);
    expect(fitted).toBeLessThan(2.8);
    expect(temperedLogLoss(rows, truth, fitted)).toBeLessThan(temperedLogLoss(rows, truth, 1));
  });
});
