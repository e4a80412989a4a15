import { GlyphError } from '../errors/glyph-error';
import type { Charset } from './types';

const charsetPatterns: Record<Exclude<Charset, 'all'>, RegExp> = {
  digits: /^[0-9]$/,
  letters: /^[A-Za-z]$/,
};

/**
 * Which output units a charset allows (1 = allowed), or undefined for `all`. Fails when the model
 * has no label in the charset, since every answer would then be impossible.
 */
export function charsetMask(labels: readonly string[], charset: Charset): Uint8Array | undefined {
  if (charset === 'all') return undefined;
  const pattern = charsetPatterns[charset];
  const mask = Uint8Array.from(labels, (label) => (pattern.test(label) ? 1 : 0));
  if (!mask.includes(1)) {
    throw new GlyphError(
      'BAD_USAGE',
      `This model has no ${charset} among its labels (${labels.slice(0, 10).join(', ')}…). Use charset "all" or a model trained on ${charset}.`,
    );
  }
  return mask;
}

/**
 * Restricts one probability row to the allowed units and renormalises, so confidences answer "which
 * allowed label is it". An all-zero allowed mass (underflow) spreads evenly over the allowed labels.
 */
export function applyCharsetMask(
  probabilities: ArrayLike<number>,
  mask: Uint8Array | undefined,
): Float64Array {
  const out = Float64Array.from(probabilities);
  if (mask === undefined) return out;
  let allowedMass = 0;
  let allowedCount = 0;
  for (let i = 0; i < out.length; i++) {
    if (mask[i] === 1) {
      allowedMass += out[i];
      allowedCount++;
    }
  }
  for (let i = 0; i < out.length; i++) {
    if (mask[i] !== 1) out[i] = 0;
    else out[i] = allowedMass > 0 ? out[i] / allowedMass : 1 / allowedCount;
  }
  return out;
}

/** True when every label is a single digit: the line splitter then expects narrow characters. */
export function isDigitModel(labels: readonly string[]): boolean {
  return labels.every((label) => charsetPatterns.digits.test(label));
}
