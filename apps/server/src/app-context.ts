import type { RawImage } from '@glyph/core/image';
import type { AppOptions } from './app-options';
import type { FeedbackEditor } from './feedback/feedback-editor';
import type { FeedbackStore } from './feedback/feedback-store';
import type { LossCache } from './feedback/loss-cache';
import type { PixelBudget } from './images/pixel-budget';
import type { ServerMetrics } from './metrics/server-metrics';
import type { ModelRegistry } from './models/model-registry';

/** What the routes share; built once per app in `build-app.ts`. */
export interface AppContext {
  readonly options: AppOptions;
  readonly registry: ModelRegistry;
  readonly metrics: ServerMetrics;
  readonly feedback: FeedbackStore;
  /** Relabel, delete and undo in the feedback directory. */
  readonly feedbackEditor: FeedbackEditor;
  /** Losses of stored samples (feedback, review folder) per model, for the review view. */
  readonly losses: LossCache;
  readonly pixels: PixelBudget;
}

export interface DecodedImage {
  readonly image: RawImage;
  /** Gives the image's pixels back to the budget; call when the request is done with it. */
  readonly release: () => void;
}

/** Decodes within the pixel limit and reserves the decoded pixels in the in-flight budget. */
export async function decodeRequestImage(context: AppContext, bytes: Uint8Array): Promise<DecodedImage> {
  const image = await context.options.dependencies.decodeImage(bytes, {
    maxPixels: context.options.maxPixels,
  });
  const release = context.pixels.acquire(image.width * image.height);
  return { image, release };
}
