import { GlyphError } from '@glyph/core';

/** Images above this many pixels (1024×1024) are decode-heavy; a 280×280 canvas is 78,400. */
export const HEAVY_DECODE_PIXELS = 1024 * 1024;
/** Decode-heavy requests one client may have in flight (further ones are refused until one ends). */
export const MAX_HEAVY_DECODES_PER_CLIENT = 2;

/**
 * Bounds the decode-heavy requests (images above `heavyPixels`) each client has in flight, so one
 * client sending large or decompression-amplifying images cannot take every decode and inference
 * slot; small images (canvases) are never limited here.
 */
export class ClientDecodeLimit {
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly heavyPixels = HEAVY_DECODE_PIXELS,
    private readonly maxHeavyPerClient = MAX_HEAVY_DECODES_PER_CLIENT,
  ) {}

  /** Heavy requests `client` has in flight. */
  heavyInFlight(client: string): number {
    return this.inFlight.get(client) ?? 0;
  }

  /** Whether `client` already has as many heavy requests in flight as it may. */
  isFull(client: string): boolean {
    return this.heavyInFlight(client) >= this.maxHeavyPerClient;
  }

  /** Admits one image of `pixels`; call the returned function exactly once when the request is done. */
  admit(client: string, pixels: number): () => void {
    if (pixels <= this.heavyPixels) return () => {};
    const count = this.heavyInFlight(client);
    if (this.isFull(client)) throw this.refusal(count);
    this.inFlight.set(client, count + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const remaining = this.heavyInFlight(client) - 1;
      if (remaining > 0) this.inFlight.set(client, remaining);
      else this.inFlight.delete(client);
    };
  }

  /** The answer to a client over its allowance. */
  refusal(count: number): GlyphError {
    return new GlyphError(
      'OVERLOADED',
      `This client already has ${count} image(s) of more than ${this.heavyPixels} pixels being processed (the limit per client); wait for their answers, or send smaller images.`,
      { details: { retryAfterSeconds: 1 } },
    );
  }
}
