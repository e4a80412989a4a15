import type { RawImage } from '@glyph/core/image';
import type { ServedRecognizer } from './models/served-recognizer';

/**
 * What the server needs from the platform adapters. Production uses `@glyph/node` (see
 * `default-dependencies.ts`); tests may pass their own to control timing.
 */
export interface AppDependencies {
  /**
   * Loads and validates one model folder (model.json, weights, metadata.json). A recognizer with
   * inference threads (`ThreadedRecognition`) gets `concurrency` batches at once.
   */
  loadRecognizer(folder: string): Promise<ServedRecognizer>;
  /**
   * Decodes PNG/JPEG/WebP/GIF bytes, typed by magic bytes. Throws GlyphError UNSUPPORTED_MEDIA_TYPE,
   * IMAGE_TOO_LARGE (checked from the header, before decoding), IMAGE_UNDECODABLE or IMAGE_EMPTY.
   * An aborted `signal` may drop a decode that has not started (rejecting with the signal's error).
   */
  decodeImage(bytes: Uint8Array, options: { maxPixels: number; signal?: AbortSignal }): Promise<RawImage>;
  encodePng(image: RawImage): Promise<Uint8Array>;
}
