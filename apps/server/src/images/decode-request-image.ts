import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import { readImageSize } from '@glyph/node/image';
import type { AppContext } from '../app-context';
import { abortError } from '../deadline';
import { retryAfterSeconds } from '../errors/error-handler';

export interface DecodedImage {
  readonly image: RawImage;
  /** Gives the image's pixels back to the budget; call when the request is done with it. */
  readonly release: () => void;
  /** More pixels than `HEAVY_DECODE_PIXELS`: limited per client, recognised in the background. */
  readonly heavy: boolean;
}

export interface DecodeRequestOptions {
  /** Who sent the image (the socket's address), for the per-client limit on heavy images. */
  readonly client?: string;
  /** Aborts a decode still waiting (client gone, deadline passed); its reservation is then freed. */
  readonly signal?: AbortSignal;
}

/**
 * Decodes a request's image within the pixel limit. The pixels are reserved in the in-flight budget
 * (and a heavy image counted against its client) from the size the header declares, before any
 * pixel is produced, so images that do not fit are refused without being decoded.
 */
export async function decodeRequestImage(
  context: AppContext,
  bytes: Uint8Array,
  options: DecodeRequestOptions = {},
): Promise<DecodedImage> {
  try {
    return await decodeWithinBudget(context, bytes, options);
  } catch (error) {
    // A refused client is told when to come back; coming back sooner gets it held (EarlyRetryHold).
    if (error instanceof GlyphError && error.code === 'OVERLOADED' && options.client) {
      context.earlyRetries.refused(options.client, retryAfterSeconds(error) ?? 1);
    }
    throw error;
  }
}

async function decodeWithinBudget(
  context: AppContext,
  bytes: Uint8Array,
  options: DecodeRequestOptions,
): Promise<DecodedImage> {
  const { maxPixels } = context.options;
  const { signal } = options;
  const size = await readImageSize(bytes, { maxPixels });
  const pixels = size.width * size.height;
  const leave = context.clientDecodes.admit(options.client ?? 'unknown', pixels);
  let giveBack: () => void;
  try {
    giveBack = context.pixels.acquire(pixels);
  } catch (error) {
    leave();
    throw error;
  }
  const release = () => {
    giveBack();
    leave();
  };
  try {
    if (signal?.aborted) throw abortError(signal);
    const image = await context.options.dependencies.decodeImage(bytes, { maxPixels, signal });
    if (signal?.aborted) throw abortError(signal);
    return { image, release, heavy: pixels > context.clientDecodes.heavyPixels };
  } catch (error) {
    release();
    throw error;
  }
}
