import type { Worker } from 'node:worker_threads';
import { GlyphError } from '@glyph/core';
import type { ModelMetadata } from '@glyph/core/model';
import { startTsWorkerReady } from './ts-worker';
import {
  deserializeError,
  type InferenceWorkerData,
  type WorkerReply,
  type WorkerRequest,
} from './worker-messages';

const entry = new URL('./inference-worker.ts', import.meta.url);

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** One worker thread holding one copy of a model; requests are answered in the order sent. */
export class InferenceThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private alive = true;

  private constructor(
    private readonly worker: Worker,
    readonly metadata: ModelMetadata,
    private readonly onDeath: (thread: InferenceThread) => void,
  ) {
    worker.on('message', (message: WorkerReply) => this.settle(message));
    worker.on('error', (error) => this.die(error));
    worker.on('exit', (code) => this.die(new Error(`exit code ${code}`)));
  }

  /** Starts a thread and resolves once it has loaded the model (or rejects with the loader's error). */
  static async start(
    data: InferenceWorkerData,
    onDeath: (thread: InferenceThread) => void = () => {},
  ): Promise<InferenceThread> {
    const { worker, first } = await startTsWorkerReady<WorkerReply>(
      entry,
      data,
      (code) =>
        new GlyphError(
          'MODEL_INVALID',
          `The inference thread exited (${code}) while loading ${data.folder}.`,
        ),
    );
    if (first.type === 'ready') return new InferenceThread(worker, first.metadata, onDeath);
    void worker.terminate();
    throw first.type === 'failed' ? deserializeError(first.error) : new Error(`unexpected ${first.type}`);
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Requests sent and not yet answered. */
  get load(): number {
    return this.pending.size;
  }

  /** Sends a request; the buffers in `transfer` move to the thread (detached here) instead of being copied. */
  request<T>(request: Request, transfer: readonly ArrayBuffer[] = []): Promise<T> {
    if (!this.alive) return Promise.reject(crashed('it had already stopped'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...request, id } as WorkerRequest, [...transfer]);
    });
  }

  async terminate(): Promise<void> {
    this.alive = false;
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private settle(message: WorkerReply): void {
    if (message.type !== 'result' && message.type !== 'error') return;
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.type === 'result') pending?.resolve(message.result);
    else pending?.reject(deserializeError(message.error));
  }

  private die(cause: unknown): void {
    if (!this.alive) return;
    this.alive = false;
    for (const pending of this.pending.values()) pending.reject(crashed(String(cause)));
    this.pending.clear();
    this.onDeath(this);
  }
}

function crashed(reason: string): GlyphError {
  return new GlyphError(
    'INTERNAL',
    `An inference thread stopped (${reason}); the server replaces it. Retry the request.`,
  );
}
