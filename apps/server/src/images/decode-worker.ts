// A decode thread: turns image bytes into pixels for the main thread, so neither zlib, the PNG
// unfiltering loop nor sharp's bookkeeping runs on the thread that answers HTTP. Started by
// `decode-thread.ts`.
import { parentPort, workerData } from 'node:worker_threads';
import type { RawImage } from '@glyph/core/image';
import { decodeImage } from '@glyph/node/image';
import { lowerThisThreadPriority } from '../inference/thread-priority';
import { serializeError } from '../inference/worker-messages';
import type { DecodeReply, DecodeRequest, DecodeWorkerData } from './decode-messages';

const port = parentPort;
if (!port) throw new Error('decode-worker.ts runs only as a worker thread.');

// Heavy decodes take only the CPU time that inference and HTTP leave over.
lowerThisThreadPriority((workerData as DecodeWorkerData).niceness);

port.on('message', (request: DecodeRequest) => void answer(request));
port.postMessage({ type: 'ready' } satisfies DecodeReply);

async function answer(request: DecodeRequest): Promise<void> {
  try {
    const image = await decodeImage(request.bytes, { maxPixels: request.maxPixels });
    const own = ownsItsBuffer(image.data) ? image : { ...image, data: new Uint8Array(image.data) };
    const reply: DecodeReply = { type: 'result', id: request.id, image: own };
    try {
      port?.postMessage(reply, [own.data.buffer as ArrayBuffer]);
    } catch {
      port?.postMessage(reply); // a buffer that cannot move (external memory) is copied
    }
  } catch (error) {
    port?.postMessage({ type: 'error', id: request.id, error: serializeError(error) } satisfies DecodeReply);
  }
}

function ownsItsBuffer(data: RawImage['data']): boolean {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
}
