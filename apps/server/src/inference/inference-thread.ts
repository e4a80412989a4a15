import { GlyphError, isGlyphError } from '@glyph/core';
import type { ModelMetadata } from '@glyph/core/model';
import { ThreadChannel } from '@glyph/node/threads';
import type { InferenceReply, InferenceRequest, InferenceWorkerData } from './worker-messages';

const entry = new URL('./inference-worker.ts', import.meta.url);

/** One worker thread holding one copy of a model; `ready` is the model's metadata. */
export type InferenceThread = ThreadChannel<InferenceRequest, InferenceReply, ModelMetadata>;

/**
 * Starts a thread and resolves once it has loaded the model (or rejects with the loader's error).
 * `niceness` lowers its OS priority (a background thread for large images). A thread that dies
 * fails its pending requests with INTERNAL (a 500: retry) and then calls `onDeath`.
 */
export async function startInferenceThread(
  data: InferenceWorkerData,
  onDeath: () => void = () => {},
  niceness = 0,
): Promise<InferenceThread> {
  try {
    return await ThreadChannel.start<InferenceRequest, InferenceReply, ModelMetadata, InferenceWorkerData>(
      entry,
      {
        data,
        niceness,
        onStop: onDeath,
        stoppedError: ({ reason, whileStarting }) =>
          whileStarting
            ? new GlyphError(
                'MODEL_INVALID',
                `The inference thread stopped (${reason}) while loading ${data.folder}.`,
              )
            : new GlyphError(
                'INTERNAL',
                `An inference thread stopped (${reason}); the server replaces it. Retry the request.`,
              ),
      },
    );
  } catch (error) {
    // A loader that failed with a plain Error is an internal fault, not a bad model folder.
    throw isGlyphError(error)
      ? error
      : new GlyphError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
  }
}
