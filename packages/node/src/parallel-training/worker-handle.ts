import { GlyphError } from '@glyph/core';
import { ThreadChannel } from '../threads';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const entry = new URL('./gradient-worker.ts', import.meta.url);

/**
 * One training worker thread. If the thread dies (uncaught error, out of memory, killed) or a
 * request fails, every pending and later request is rejected with `WORKER_CRASHED`: a failed step
 * leaves the replica out of step with the others, and a run never waits on a worker that is gone.
 */
export class WorkerHandle {
  private constructor(
    readonly index: number,
    private readonly channel: ThreadChannel<WorkerRequest, WorkerReply>,
  ) {}

  static async start(index: number): Promise<WorkerHandle> {
    const channel = await ThreadChannel.start<WorkerRequest, WorkerReply>(entry, {
      data: undefined,
      stoppedError: ({ reason, cause }) => crashed(index, reason, cause),
    });
    return new WorkerHandle(index, channel);
  }

  /** Sends a request; resolves with its reply, rejects with `WORKER_CRASHED` if it fails or the worker dies. */
  async request(request: WorkerRequest, transfer: readonly ArrayBuffer[] = []): Promise<WorkerReply> {
    try {
      return await this.channel.request(request, transfer);
    } catch (error) {
      if (!this.channel.isAlive) throw error; // already the WORKER_CRASHED the run stopped with
      const failure = crashed(this.index, `a failed request: ${(error as Error).message}`, error);
      void this.channel.fail(failure);
      throw failure;
    }
  }

  close(): Promise<void> {
    return this.channel.terminate();
  }
}

function crashed(index: number, reason: string, cause: unknown): GlyphError {
  return new GlyphError(
    'WORKER_CRASHED',
    `Training worker ${index} stopped after ${reason}. The run was stopped; ` +
      'resume from the last checkpoint, or train with --workers 1 to see the error in this thread.',
    { cause },
  );
}
