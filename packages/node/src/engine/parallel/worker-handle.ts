import { Worker } from 'node:worker_threads';
import { GlyphError } from '@glyph/core';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const bootstrap = new URL('./worker-bootstrap.mjs', import.meta.url);
const entry = new URL('./gradient-worker.ts', import.meta.url).href;

interface Pending {
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One training worker thread and its request/reply queue. If the thread dies (uncaught error,
 * out of memory, killed), every pending and later request is rejected with `WORKER_CRASHED`, so
 * a run never waits on a worker that is gone.
 */
export class WorkerHandle {
  private readonly worker: Worker;
  private readonly pending: Pending[] = [];
  private failure: GlyphError | undefined;
  private closing = false;

  constructor(readonly index: number) {
    this.worker = new Worker(bootstrap, { workerData: { entry } });
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(`an uncaught error: ${error.message}`, error));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(`the thread exited with code ${code}`);
    });
  }

  /** Sends a request; resolves with its reply, rejects with `WORKER_CRASHED` if the worker dies. */
  request(request: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = new Promise<WorkerReply>((resolve, reject) => this.pending.push({ resolve, reject }));
    this.worker.postMessage(request, transfer);
    return reply;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private settle(reply: WorkerReply): void {
    const waiter = this.pending.shift();
    if (!waiter) return;
    if (reply.type === 'failed') {
      // A failed step leaves this replica out of step with the others: the run cannot go on.
      this.fail(`a failed request: ${reply.message}`);
      waiter.reject(this.failure!);
    } else {
      waiter.resolve(reply);
    }
  }

  private fail(reason: string, cause?: unknown): void {
    if (this.failure) return;
    this.failure = new GlyphError(
      'WORKER_CRASHED',
      `Training worker ${this.index} stopped after ${reason}. The run was stopped; ` +
        'resume from the last checkpoint, or train with --workers 1 to see the error in this thread.',
      { cause },
    );
    for (const waiter of this.pending.splice(0)) waiter.reject(this.failure);
    if (!this.closing) void this.worker.terminate();
  }
}
