import { GlyphError } from '../errors/glyph-error';
import type { CancelSignal } from './teach-types';

/** Throws `CANCELLED` once `signal` is aborted; called between batches, so a stop takes one batch. */
export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) {
    throw new GlyphError('CANCELLED', 'Training was cancelled before it finished; no model was made.');
  }
}
