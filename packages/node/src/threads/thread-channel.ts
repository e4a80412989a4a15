import type { Worker } from 'node:worker_threads';
import { GlyphError } from '@glyph/core';
import { startTsWorker } from './start-ts-worker';
import type { ReplyEnvelope, RequestEnvelope, StartReport, ThreadData } from './thread-protocol';
import { fromWireError } from './wire-error';

/** How a thread stopped without being asked to. */
export interface ThreadStop {
  /** E.g. "an uncaught error: …", "the thread exited with code 1". */
  readonly reason: string;
  readonly cause?: unknown;
  /** True if it stopped before reporting ready (`start` rejects with the error). */
  readonly whileStarting: boolean;
}

export interface ThreadOptions<Data> {
  /** Given to the entry's `serveThread` setup. */
  readonly data: Data;
  /** Added to the thread's nice value on Linux (a background thread); default 0. */
  readonly niceness?: number;
  /** The error for a thread that stops unasked: pending and later requests fail with it. */
  readonly stoppedError?: (stop: ThreadStop) => Error;
  /** Called once when the thread has stopped unasked, after its requests have failed. */
  readonly onStop?: () => void;
  /** False: an idle thread does not keep the process alive (default true). */
  readonly keepsProcessAlive?: boolean;
}

interface Pending {
  readonly resolve: (reply: never) => void;
  readonly reject: (error: unknown) => void;
}

const defaultStoppedError = ({ reason, cause }: ThreadStop): Error =>
  new GlyphError('INTERNAL', `A worker thread stopped (${reason}).`, { cause });

/**
 * The main thread's end of one worker thread (whose entry calls `serveThread`): typed requests with
 * ids, each reply matched to its request, transfer lists, and errors that arrive as they were thrown
 * (GlyphError code, message, details; a plain Error's message and stack). A thread that stops
 * unasked fails every pending and later request, so nothing waits on a thread that is gone.
 */
export class ThreadChannel<Request, Reply, Ready = undefined> {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly ready: Ready,
    private readonly options: ThreadOptions<unknown>,
  ) {
    worker.on('message', (envelope: ReplyEnvelope<Reply>) => this.settle(envelope));
    worker.on('error', (error) => this.stop({ reason: `an uncaught error: ${error.message}`, cause: error }));
    worker.on('exit', (code) => this.stop({ reason: `the thread exited with code ${code}` }));
    if (options.keepsProcessAlive === false) worker.unref();
  }

  /**
   * Starts the TypeScript module `entry` in a worker thread and resolves once its setup has
   * reported ready; rejects with setup's error, or `stoppedError` if the thread stops first.
   */
  static start<Request, Reply, Ready = undefined, Data = undefined>(
    entry: URL,
    options: ThreadOptions<Data>,
  ): Promise<ThreadChannel<Request, Reply, Ready>> {
    const threadData: ThreadData<Data> = { data: options.data, niceness: options.niceness ?? 0 };
    const worker = startTsWorker(entry, threadData);
    const stoppedError = options.stoppedError ?? defaultStoppedError;
    return new Promise((resolve, reject) => {
      // Only our own listeners go: the Worker keeps internal ones of its own.
      const unlisten = () =>
        worker.removeAllListeners('error').removeAllListeners('exit').removeAllListeners('message');
      const fail = (error: Error) => {
        unlisten();
        void worker.terminate();
        reject(error);
      };
      worker.once('error', (error) =>
        fail(
          stoppedError({ reason: `an uncaught error: ${error.message}`, cause: error, whileStarting: true }),
        ),
      );
      worker.once('exit', (code) =>
        fail(stoppedError({ reason: `the thread exited with code ${code}`, whileStarting: true })),
      );
      worker.once('message', (report: StartReport<Ready>) => {
        if ('failed' in report) return fail(fromWireError(report.failed));
        unlisten();
        resolve(new ThreadChannel(worker, report.ready, options as ThreadOptions<unknown>));
      });
    });
  }

  /** False once the thread has stopped, asked or not. */
  get isAlive(): boolean {
    return this.failure === undefined;
  }

  /** Requests sent and not yet answered. */
  get load(): number {
    return this.pending.size;
  }

  /**
   * Sends `request`; resolves with its reply, rejects with the error the thread threw for it. The
   * buffers in `transfer` move to the thread (detached here) instead of being copied. `R` names the
   * reply type of this kind of request when the replies differ by kind.
   */
  request<R extends Reply = Reply>(request: Request, transfer: readonly ArrayBuffer[] = []): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: never) => void, reject });
      this.worker.postMessage({ id, request } satisfies RequestEnvelope<Request>, transfer);
    });
  }

  /** Stops the thread, failing pending and later requests with `error`. */
  fail(error: Error): Promise<void> {
    if (!this.failure) this.rejectAll(error);
    return this.worker.terminate().then(() => {});
  }

  /** Stops the thread; pending and later requests fail. */
  terminate(): Promise<void> {
    return this.fail(new GlyphError('INTERNAL', 'The worker thread was stopped before it answered.'));
  }

  private settle(envelope: ReplyEnvelope<Reply>): void {
    const pending = this.pending.get(envelope.id);
    if (!pending) return;
    this.pending.delete(envelope.id);
    if ('error' in envelope) pending.reject(fromWireError(envelope.error));
    else pending.resolve(envelope.reply as never);
  }

  private stop(stop: Omit<ThreadStop, 'whileStarting'>): void {
    if (this.failure) return;
    const stoppedError = this.options.stoppedError ?? defaultStoppedError;
    this.rejectAll(stoppedError({ ...stop, whileStarting: false }));
    void this.worker.terminate();
    this.options.onStop?.();
  }

  private rejectAll(error: Error): void {
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
