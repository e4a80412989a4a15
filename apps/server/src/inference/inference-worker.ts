// An inference thread: loads one model folder with its own TF.js engine and answers batches and
// sequences for the main thread. Started by `worker-pool-recognizer.ts`.
import { parentPort, workerData } from 'node:worker_threads';
import type { Recognizer } from '@glyph/core/recognize';
import { initNodeEngine } from '@glyph/node/engine';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import { lowerThisThreadPriority } from './thread-priority';
import {
  serializeError,
  type InferenceWorkerData,
  type WorkerReply,
  type WorkerRequest,
} from './worker-messages';

const port = parentPort;
if (!port) throw new Error('inference-worker.ts runs only as a worker thread.');
const reply = (message: WorkerReply) => port.postMessage(message);

async function answer(recognizer: Recognizer, request: WorkerRequest): Promise<void> {
  try {
    if (request.kind === 'batch') {
      const result = await recognizer.recognizeBatch(request.images, request.options);
      // An input may view a larger buffer (the whole batch); copy it so only its own values travel.
      const own = result.map((recognition) =>
        recognition.input ? { ...recognition, input: recognition.input.slice() } : recognition,
      );
      reply({ type: 'result', id: request.id, result: own });
    } else {
      reply({
        type: 'result',
        id: request.id,
        result: await recognizer.recognizeSequence(request.image, request.options),
      });
    }
  } catch (error) {
    reply({ type: 'error', id: request.id, error: serializeError(error) });
  }
}

try {
  const { folder, backend, niceness = 0 } = workerData as InferenceWorkerData;
  lowerThisThreadPriority(niceness);
  await initNodeEngine({ backend });
  const recognizer = await loadRecognizerFromFolder(folder);
  port.on('message', (request: WorkerRequest) => void answer(recognizer, request));
  reply({ type: 'ready', metadata: recognizer.metadata });
} catch (error) {
  reply({ type: 'failed', error: serializeError(error) });
}
