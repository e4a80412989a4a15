import { GlyphError } from '@glyph/core';

/**
 * Bounds the decoded pixels held by requests at once, so memory stays bounded when many large
 * images arrive together; the per-model queue bound alone counts requests, not bytes.
 */
export class PixelBudget {
  private inUse = 0;

  constructor(private readonly limitPixels: number) {}

  get pixelsInUse(): number {
    return this.inUse;
  }

  /** Reserves `pixels`; call the returned function exactly once when the image is no longer needed. */
  acquire(pixels: number): () => void {
    if (this.inUse > 0 && this.inUse + pixels > this.limitPixels) {
      throw new GlyphError(
        'OVERLOADED',
        `The server is holding ${this.inUse} decoded pixels for other requests (limit ${this.limitPixels}); retry shortly or send a smaller image.`,
        { details: { retryAfterSeconds: 1 } },
      );
    }
    this.inUse += pixels;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= pixels;
    };
  }
}
