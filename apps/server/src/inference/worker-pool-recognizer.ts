import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import type { Recognition, Recognizer, SequenceRecognition } from '@glyph/core/recognize';
import type { ThreadedRecognition } from '../models/served-recognizer';
import { startInferenceThread, type InferenceThread } from './inference-thread';

/** A Recognizer that can run several batches at once. */
export type ConcurrentRecognizer = Recognizer & ThreadedRecognition;

/** Large images waiting for or in the background thread, per model. */
export const MAX_BACKGROUND_REQUESTS = 2;
/** How much lower (in nice steps) the background thread runs than the others. */
const BACKGROUND_NICENESS = 10;

export interface WorkerPoolOptions {
  /** Inference threads, each with its own engine and copy of the model. */
  readonly threads: number;
  /** TensorFlow.js backend in each thread (`wasm`, `cpu`, …). */
  readonly backend: string;
}

/**
 * Loads a model folder into `threads` worker threads, so batches for one model use several CPU
 * cores while the main thread keeps serving HTTP. Each call goes to the least-loaded live thread; a
 * thread that dies fails its in-flight calls and is replaced.
 */
export async function loadWorkerPoolRecognizer(
  folder: string,
  options: WorkerPoolOptions,
): Promise<ConcurrentRecognizer> {
  const data = { folder, backend: options.backend };
  let disposed = false;
  const threads: InferenceThread[] = [];
  const startThread = async (): Promise<InferenceThread> => {
    const thread: InferenceThread = await startInferenceThread(data, () => replace(thread));
    return thread;
  };
  const replace = (dead: InferenceThread) => {
    if (disposed) return;
    void startThread().then(
      (fresh) => {
        if (disposed) void fresh.terminate();
        else threads.splice(threads.indexOf(dead), 1, fresh);
      },
      () => {}, // the folder stopped loading; the remaining threads keep serving
    );
  };
  const started = await Promise.allSettled(Array.from({ length: options.threads }, startThread));
  for (const result of started) if (result.status === 'fulfilled') threads.push(result.value);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(threads.map((thread) => thread.terminate()));
    throw (failure as PromiseRejectedResult).reason;
  }

  const pick = (): InferenceThread => {
    const live = threads.filter((thread) => thread.isAlive);
    if (live.length === 0) throw new GlyphError('INTERNAL', 'No inference thread is running; retry shortly.');
    return live.reduce((best, thread) => (thread.load < best.load ? thread : best));
  };
  const recognizeBatchHandingOver: ConcurrentRecognizer['recognizeBatchHandingOver'] = (
    images,
    recognizeOptions,
    handOver,
  ) => {
    const transfer = new Set<ArrayBuffer>();
    const sent = images.map((image, index) => imageToSend(image, handOver[index] === true, transfer));
    return pick().request<Recognition[]>({ kind: 'batch', images: sent, options: recognizeOptions }, [
      ...transfer,
    ]);
  };
  const recognizeBatch: Recognizer['recognizeBatch'] = (images, recognizeOptions = {}) =>
    recognizeBatchHandingOver(images, recognizeOptions, []);

  let background: Promise<InferenceThread> | undefined;
  let backgroundRequests = 0;
  const backgroundThread = (): Promise<InferenceThread> => {
    if (disposed) return Promise.reject(new GlyphError('NOT_READY', 'The model is being unloaded.'));
    background ??= startInferenceThread(
      data,
      () => {
        background = undefined; // a thread that died is started afresh on the next use
      },
      BACKGROUND_NICENESS,
    ).catch((error: unknown) => {
      background = undefined;
      throw error;
    });
    return background;
  };
  const recognizeInBackground: ConcurrentRecognizer['recognizeInBackground'] = async (
    image,
    recognizeOptions,
  ) => {
    if (backgroundRequests >= MAX_BACKGROUND_REQUESTS) {
      throw new GlyphError(
        'OVERLOADED',
        `${backgroundRequests} large images are already being recognised by this model; retry shortly or send a smaller image.`,
        { details: { retryAfterSeconds: 2 } },
      );
    }
    backgroundRequests += 1;
    try {
      const thread = await backgroundThread();
      const transfer = new Set<ArrayBuffer>();
      const sent = imageToSend(image, true, transfer);
      const [result] = await thread.request<Recognition[]>(
        { kind: 'batch', images: [sent], options: recognizeOptions },
        [...transfer],
      );
      return result;
    } finally {
      backgroundRequests -= 1;
    }
  };

  return {
    metadata: threads[0].ready,
    concurrency: options.threads,
    recognizeBatch,
    recognizeBatchHandingOver,
    recognizeInBackground,
    recognize: async (image, recognizeOptions) => (await recognizeBatch([image], recognizeOptions))[0],
    recognizeSequence: (image, sequenceOptions = {}) =>
      pick().request<SequenceRecognition>({
        kind: 'sequence',
        image: ownCopy(image),
        options: sequenceOptions,
      }),
    dispose: () => {
      disposed = true;
      for (const thread of threads) void thread.terminate();
      void background?.then(
        (thread) => thread.terminate(),
        () => {},
      );
    },
  };
}

/** Pixels as their own exact-size array: a view into a larger buffer would copy all of it across. */
function ownCopy(image: RawImage): RawImage {
  return ownsItsBuffer(image.data) ? image : { ...image, data: image.data.slice() };
}

/**
 * The image as it crosses to the thread, adding to `transfer` the buffers that can move rather than
 * be copied: the copies made here, and handed-over images that span their whole buffer. A view into
 * a larger buffer (e.g. Node's shared pool for small Buffers) is copied, never moved.
 */
function imageToSend(image: RawImage, handOver: boolean, transfer: Set<ArrayBuffer>): RawImage {
  const sent = ownCopy(image);
  if ((sent !== image || handOver) && sent.data.buffer instanceof ArrayBuffer) transfer.add(sent.data.buffer);
  return sent;
}

function ownsItsBuffer(data: RawImage['data']): boolean {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
}
