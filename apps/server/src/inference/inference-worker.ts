// An inference thread: loads one model folder with its own TF.js engine and answers batches and
// sequences for the main thread. Started by `inference-thread.ts`.
import type { ModelMetadata } from '@glyph/core/model';
import type { Recognizer } from '@glyph/core/recognize';
import { initNodeEngine } from '@glyph/node/engine';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import { serveThread } from '@glyph/node/threads';
import type { InferenceReply, InferenceRequest, InferenceWorkerData } from './worker-messages';

async function answer(recognizer: Recognizer, request: InferenceRequest): Promise<InferenceReply> {
  if (request.kind === 'sequence') return recognizer.recognizeSequence(request.image, request.options);
  const result = await recognizer.recognizeBatch(request.images, request.options);
  // An input may view a larger buffer (the whole batch); copy it so only its own values travel.
  return result.map((recognition) =>
    recognition.input ? { ...recognition, input: recognition.input.slice() } : recognition,
  );
}

serveThread<InferenceWorkerData, InferenceRequest, InferenceReply, ModelMetadata>(
  async ({ folder, backend }) => {
    await initNodeEngine({ backend });
    const recognizer = await loadRecognizerFromFolder(folder);
    return { ready: recognizer.metadata, handle: (request) => answer(recognizer, request) };
  },
);
