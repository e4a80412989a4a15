import type { Recognition } from '@glyph/core/recognize';
import type { PredictionRequest } from '../models/batched-recognizer';
import type { ServedModel } from '../models/model-registry';

/**
 * One image's recognition. A large image (`heavy`) goes to the model's background thread when it
 * has one, so it neither shares a batch with canvases nor competes with them for CPU at equal
 * priority; every other image goes through the model's micro-batcher. The background call is not
 * cut short by `signal`: the caller keeps the image's pixel reservation until the work is done.
 */
export function recognizeImage(
  model: ServedModel,
  request: PredictionRequest & { readonly heavy: boolean },
  signal: AbortSignal,
): Promise<Recognition> {
  const { image, top, debug, handOver, heavy } = request;
  const { recognizer } = model;
  if (heavy && handOver && recognizer.recognizeInBackground) {
    return model.outside.track(recognizer.recognizeInBackground(image, { top, debug }));
  }
  return model.batcher.submit({ image, top, debug, handOver }, signal);
}
