import { GlyphError } from '@glyph/core';
import { HEAVY_DECODE_PIXELS } from './client-decode-limit';

/** The part of the budget images above `heavyPixels` may fill; the rest stays for small images. */
const HEAVY_SHARE = 0.75;

/**
 * Bounds the decoded pixels held by requests at once, so memory stays bounded when many large
 * images arrive together; the per-model queue bound alone counts requests, not bytes. Large images
 * (above `heavyPixels`) may fill only part of it, so they cannot lock out small ones (canvases).
 */
export class PixelBudget {
  private inUse = 0;

  constructor(
    private readonly limitPixels: number,
    private readonly heavyPixels = HEAVY_DECODE_PIXELS,
  ) {}

  get pixelsInUse(): number {
    return this.inUse;
  }

  /** Whether `acquire(pixels)` would succeed now. */
  fits(pixels: number): boolean {
    return this.inUse === 0 || this.inUse + pixels <= this.limitFor(pixels);
  }

  /** The answer to an image of `pixels` that does not fit now. */
  refusal(pixels: number): GlyphError {
    const limit = this.limitFor(pixels);
    return new GlyphError(
      'OVERLOADED',
      `The server is holding ${this.inUse} decoded pixels for other requests (limit ${limit} for an image of ${pixels}); retry shortly or send a smaller image.`,
      { details: { retryAfterSeconds: 1 } },
    );
  }

  /** Reserves `pixels`; call the returned function exactly once when the image is no longer needed. */
  acquire(pixels: number): () => void {
    if (!this.fits(pixels)) throw this.refusal(pixels);
    this.inUse += pixels;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= pixels;
    };
  }

  private limitFor(pixels: number): number {
    return pixels > this.heavyPixels ? Math.floor(HEAVY_SHARE * this.limitPixels) : this.limitPixels;
  }
}
