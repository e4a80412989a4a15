import type { RawImage } from '@glyph/core/image';
import type { Recognition } from '@glyph/core/recognize';
import { MicroBatcher } from '../micro-batcher';
import type { ServedRecognizer } from './served-recognizer';

export interface BatchingOptions {
  readonly windowMs: number;
  readonly maxBatchSize: number;
  readonly maxQueueSize: number;
}

export interface PredictionRequest {
  readonly image: RawImage;
  readonly top: number;
  readonly debug: boolean;
  /**
   * The request will not read `image` again, so an inference thread may take its pixels rather than
   * a copy (the image's data is then detached). Leave unset when the image is used after submitting.
   */
  readonly handOver?: boolean;
}

/**
 * One micro-batcher per model. A batch asks the recognizer for the largest `top` and any `debug` of
 * its requests, then trims each answer to what its request asked for, so a batched answer equals
 * the unbatched one.
 */
export function createBatcher(
  recognizer: ServedRecognizer,
  options: BatchingOptions,
  onBatch?: (size: number, durationMs: number) => void,
): MicroBatcher<PredictionRequest, Recognition> {
  return new MicroBatcher<PredictionRequest, Recognition>({
    ...options,
    // A recognizer backed by several inference threads can run that many batches at once.
    maxConcurrentBatches: recognizer.concurrency ?? 1,
    onBatch,
    async runBatch(requests) {
      const top = Math.max(...requests.map((request) => request.top));
      const debug = requests.some((request) => request.debug);
      const images = requests.map((request) => request.image);
      const handOver = requests.map((request) => request.handOver === true);
      const results =
        recognizer.recognizeBatchHandingOver && handOver.includes(true)
          ? await recognizer.recognizeBatchHandingOver(images, { top, debug }, handOver)
          : await recognizer.recognizeBatch(images, { top, debug });
      return results.map((result, index) => trim(result, requests[index]));
    },
  });
}

function trim(result: Recognition, request: PredictionRequest): Recognition {
  return {
    empty: result.empty,
    predictions: result.predictions.slice(0, request.top),
    ...(result.rejected && { rejected: result.rejected }),
    ...(request.debug && result.input !== undefined ? { input: result.input } : {}),
  };
}
