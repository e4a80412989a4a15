import type { RawImage } from '@glyph/core/image';
import type { Recognition, RecognizeOptions, Recognizer } from '@glyph/core/recognize';

/** What a model's inference threads add to a Recognizer (see `inference/worker-pool-recognizer.ts`). */
export interface ThreadedRecognition {
  /** Batches it runs in parallel (one per inference thread). */
  readonly concurrency: number;
  /**
   * `recognizeBatch` that moves the pixels of the images flagged in `handOver` to the inference
   * thread instead of copying them: those images' `data` is detached (empty) afterwards, so only
   * flag images nothing else will read. Saves a copy and, under load, much garbage collection.
   */
  recognizeBatchHandingOver(
    images: readonly RawImage[],
    options: RecognizeOptions,
    handOver: readonly boolean[],
  ): Promise<Recognition[]>;
  /**
   * Recognises one large image on a thread of its own at a lower OS priority (started on first use),
   * so large images get only the CPU time the other requests leave over and never share a batch
   * with them. The image's pixels move to the thread. OVERLOADED while `MAX_BACKGROUND_REQUESTS` wait.
   */
  recognizeInBackground(image: RawImage, options: RecognizeOptions): Promise<Recognition>;
}

/**
 * The recognizer a model is served with: a plain Recognizer (inference on the main thread, one batch
 * at a time) or one with inference threads, which has every member of `ThreadedRecognition`. The
 * batcher and the routes use those members when present and fall back to `recognizeBatch`.
 */
export type ServedRecognizer = Recognizer & Partial<ThreadedRecognition>;
