import type { Worker } from 'node:worker_threads';
import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import { startTsWorkerReady } from '../inference/ts-worker';
import { deserializeError } from '../inference/worker-messages';
import type { DecodeReply, DecodeRequest, DecodeWorkerData } from './decode-messages';

const entry = new URL('./decode-worker.ts', import.meta.url);

interface Pending {
  readonly id: number;
  resolve(image: RawImage): void;
  reject(error: unknown): void;
}

/** One decode worker thread, given one image at a time (its lane keeps the queue). */
export class DecodeThread {
  private current: Pending | undefined;
  private nextId = 1;
  private alive = true;

  private constructor(
    private readonly worker: Worker,
    private readonly onDeath: (thread: DecodeThread) => void,
  ) {
    worker.on('message', (message: DecodeReply) => this.settle(message));
    worker.on('error', (error) => this.die(error));
    worker.on('exit', (code) => this.die(new Error(`exit code ${code}`)));
    // An idle decode thread does not keep the process alive.
    worker.unref();
  }

  static async start(data: DecodeWorkerData, onDeath: (thread: DecodeThread) => void): Promise<DecodeThread> {
    const { worker } = await startTsWorkerReady(
      entry,
      data,
      (code) => new GlyphError('INTERNAL', `A decode thread exited (${code}) at start.`),
    );
    return new DecodeThread(worker, onDeath);
  }

  get isIdle(): boolean {
    return this.alive && this.current === undefined;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Decodes `bytes` (which move to the thread: pass a copy the caller will not read again). */
  decode(bytes: Uint8Array, maxPixels: number): Promise<RawImage> {
    if (!this.isIdle) return Promise.reject(new GlyphError('INTERNAL', 'The decode thread is busy.'));
    const id = this.nextId++;
    return new Promise<RawImage>((resolve, reject) => {
      this.current = { id, resolve, reject };
      const request: DecodeRequest = { id, bytes, maxPixels };
      this.worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
    });
  }

  async terminate(): Promise<void> {
    this.alive = false;
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private settle(message: DecodeReply): void {
    if (message.type === 'ready' || message.id !== this.current?.id) return;
    const pending = this.current;
    this.current = undefined;
    if (message.type === 'result') pending.resolve(message.image);
    else pending.reject(deserializeError(message.error));
  }

  private die(cause: unknown): void {
    if (!this.alive) return;
    this.alive = false;
    this.current?.reject(
      new GlyphError(
        'INTERNAL',
        `A decode thread stopped (${String(cause)}); the server replaces it. Retry.`,
      ),
    );
    this.current = undefined;
    this.onDeath(this);
  }
}
