import type { RawImage } from '@glyph/core/image';
import type { Recognition, Recognizer } from '@glyph/core/recognize';
import { MicroBatcher } from '../micro-batcher';

export interface BatchingOptions {
  readonly windowMs: number;
  readonly maxBatchSize: number;
  readonly maxQueueSize: number;
}

export interface PredictionRequest {
  readonly image: RawImage;
  readonly top: number;
  readonly debug: boolean;
}

/**
 * One micro-batcher per model. A batch asks the recognizer for the largest `top` and any `debug` of
 * its requests, then trims each answer to what its request asked for, so a batched answer equals
 * the unbatched one.
 */
export function createBatcher(
  recognizer: Recognizer,
  options: BatchingOptions,
  onBatch?: (size: number, durationMs: number) => void,
): MicroBatcher<PredictionRequest, Recognition> {
  return new MicroBatcher<PredictionRequest, Recognition>({
    ...options,
    // A recognizer backed by several inference threads can run that many batches at once.
    maxConcurrentBatches: (recognizer as { concurrency?: number }).concurrency ?? 1,
    onBatch,
    async runBatch(requests) {
      const top = Math.max(...requests.map((request) => request.top));
      const debug = requests.some((request) => request.debug);
      const results = await recognizer.recognizeBatch(
        requests.map((request) => request.image),
        { top, debug },
      );
      return results.map((result, index) => trim(result, requests[index]));
    },
  });
}

function trim(result: Recognition, request: PredictionRequest): Recognition {
  return {
    empty: result.empty,
    predictions: result.predictions.slice(0, request.top),
    ...(request.debug && result.input !== undefined ? { input: result.input } : {}),
  };
}
