import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import { readImageSize } from '@glyph/node/image';
import { abortError } from '../deadline';
import { HEAVY_DECODE_PIXELS } from './client-decode-limit';
import { decodeOn, startDecodeThread, type DecodeThread } from './decode-thread';

export interface DecodePoolOptions {
  /** Threads for images of at most `heavyPixels` (canvases, ordinary photos). */
  readonly lightThreads: number;
  /** Threads for larger images, at `heavyNiceness` on Linux so they yield to inference and HTTP. */
  readonly heavyThreads: number;
  readonly heavyPixels: number;
  readonly heavyNiceness: number;
  /** Images waiting per lane beyond this many are refused with OVERLOADED. */
  readonly maxQueuedPerLane: number;
}

export const defaultDecodePoolOptions: DecodePoolOptions = {
  lightThreads: 1,
  heavyThreads: 1,
  heavyPixels: HEAVY_DECODE_PIXELS,
  heavyNiceness: 10,
  maxQueuedPerLane: 64,
};

interface Job {
  readonly bytes: Uint8Array;
  readonly maxPixels: number;
  readonly signal: AbortSignal | undefined;
  resolve(image: RawImage): void;
  reject(error: unknown): void;
}

/**
 * Decodes images on worker threads, so the main thread only moves bytes in and pixels out. Two
 * lanes, chosen from the header's pixel count: light images never wait behind heavy ones, and heavy
 * ones run at a lower OS priority. A waiting image whose request is aborted (client gone, deadline)
 * leaves the queue at once; one being decoded finishes on its thread, its caller already answered.
 */
export class DecodePool {
  private constructor(
    private readonly light: DecodeLane,
    private readonly heavy: DecodeLane,
    private readonly heavyPixels: number,
  ) {}

  static async start(options: Partial<DecodePoolOptions> = {}): Promise<DecodePool> {
    const resolved = { ...defaultDecodePoolOptions, ...options };
    const [light, heavy] = await Promise.all([
      DecodeLane.start(resolved.lightThreads, 0, resolved.maxQueuedPerLane),
      DecodeLane.start(resolved.heavyThreads, resolved.heavyNiceness, resolved.maxQueuedPerLane),
    ]);
    return new DecodePool(light, heavy, resolved.heavyPixels);
  }

  /** `decodeImage` off the main thread; the size limit is checked from the header first. */
  async decode(bytes: Uint8Array, options: { maxPixels: number; signal?: AbortSignal }): Promise<RawImage> {
    const size = await readImageSize(bytes, options);
    const lane = size.width * size.height > this.heavyPixels ? this.heavy : this.light;
    // A copy moves to the thread: the caller's bytes may be a view into a shared Buffer pool.
    return lane.submit(new Uint8Array(bytes), options.maxPixels, options.signal);
  }

  /** Images and messages sent to the threads so far, both lanes. */
  get sent(): { readonly images: number; readonly messages: number } {
    return {
      images: this.light.sent.images + this.heavy.sent.images,
      messages: this.light.sent.messages + this.heavy.sent.messages,
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.light.close(), this.heavy.close()]);
  }
}

/**
 * Images sent to a decode thread in one message at most. Under load the light lane's queue holds
 * several canvases whenever its thread frees up; taking them together saves two thread hand-overs
 * per image (on this 2-core VM each costs about as much as decoding a canvas), while a light
 * image never waits behind more than this many others on its thread.
 */
const MAX_IMAGES_PER_MESSAGE = 8;

const isFree = (thread: DecodeThread) => thread.isAlive && thread.load === 0;

/** A queue and the threads that drain it, one group of images per thread at a time. */
class DecodeLane {
  private readonly queue: Job[] = [];
  private closed = false;
  readonly sent = { images: 0, messages: 0 };

  private constructor(
    private readonly threads: DecodeThread[],
    private readonly niceness: number,
    private readonly maxQueued: number,
  ) {}

  static async start(count: number, niceness: number, maxQueued: number): Promise<DecodeLane> {
    const threads: DecodeThread[] = [];
    const lane = new DecodeLane(threads, niceness, maxQueued);
    const started = await Promise.all(Array.from({ length: Math.max(1, count) }, () => lane.startThread()));
    threads.push(...started);
    return lane;
  }

  submit(bytes: Uint8Array, maxPixels: number, signal: AbortSignal | undefined): Promise<RawImage> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(
        new GlyphError(
          'OVERLOADED',
          `${this.queue.length} images are already waiting to be decoded; retry shortly.`,
          { details: { retryAfterSeconds: 1 } },
        ),
      );
    }
    return new Promise<RawImage>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(job);
        if (index >= 0) this.queue.splice(index, 1);
        job.reject(abortError(signal as AbortSignal));
      };
      const done = () => signal?.removeEventListener('abort', onAbort);
      const job: Job = {
        bytes,
        maxPixels,
        signal,
        resolve: (image) => {
          done();
          resolve(image);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  /** Gives each free thread the images waiting, up to `MAX_IMAGES_PER_MESSAGE` at a time. */
  private pump(): void {
    for (const thread of this.threads) {
      if (this.queue.length === 0) return;
      if (!isFree(thread)) continue;
      const share = Math.min(MAX_IMAGES_PER_MESSAGE, Math.ceil(this.queue.length / this.freeThreads()));
      const jobs = this.queue.splice(0, share);
      this.sent.images += jobs.length;
      this.sent.messages += 1;
      const decoded = decodeOn(
        thread,
        jobs.map(({ bytes, maxPixels }) => ({ bytes, maxPixels })),
      );
      jobs.forEach((job, index) => decoded[index].then(job.resolve, job.reject));
      void Promise.allSettled(decoded).then(() => this.pump());
    }
  }

  private freeThreads(): number {
    return Math.max(1, this.threads.filter(isFree).length);
  }

  private async startThread(): Promise<DecodeThread> {
    const thread: DecodeThread = await startDecodeThread(this.niceness, () => this.replace(thread));
    return thread;
  }

  private replace(dead: DecodeThread): void {
    if (this.closed) return;
    void this.startThread().then(
      (fresh) => {
        if (this.closed) void fresh.terminate();
        else {
          this.threads.splice(this.threads.indexOf(dead), 1, fresh);
          this.pump();
        }
      },
      () => {}, // the remaining threads keep serving
    );
  }
}
