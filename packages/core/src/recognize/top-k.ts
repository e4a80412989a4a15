import { GlyphError } from '../errors/glyph-error';
import type { Prediction } from './types';

/** The `k` most probable labels of one probability row, most confident first (ties: lower index). */
export function topK(probabilities: ArrayLike<number>, labels: readonly string[], k: number): Prediction[] {
  const order = Array.from({ length: labels.length }, (_, index) => index);
  order.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  return order.slice(0, Math.min(k, labels.length)).map((index) => ({
    label: labels[index],
    confidence: probabilities[index],
  }));
}

/** Validates a requested top-k count (default 5). */
export function resolveTop(top: number | undefined): number {
  if (top === undefined) return 5;
  if (!Number.isInteger(top) || top < 1) {
    throw new GlyphError(
      'BAD_USAGE',
      `top must be a whole number of at least 1, got ${String(top)}; e.g. 5.`,
    );
  }
  return top;
}
