import { GlyphError } from '@glyph/core';

export interface MicroBatcherOptions<I, O> {
  /** How long the first request of a batch waits for others before the batch runs. */
  readonly windowMs: number;
  /** A batch runs as soon as this many requests are waiting. */
  readonly maxBatchSize: number;
  /** Requests waiting beyond this many (not counting running batches) are refused with OVERLOADED. */
  readonly maxQueueSize: number;
  /** Batches that may run at once (one per inference thread); default 1. */
  readonly maxConcurrentBatches?: number;
  /** One call for the whole batch; must answer each input in order. */
  runBatch(inputs: readonly I[]): Promise<readonly O[]>;
  /** Called after every batch (for metrics). */
  onBatch?(size: number, durationMs: number): void;
}

type Job<I> =
  | { kind: 'item'; input: I; settle: Settle<unknown> }
  | { kind: 'task'; run: () => Promise<unknown>; settle: Settle<unknown> };

interface Settle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Stacks concurrent requests for one model into one `runBatch` call. At most `maxConcurrentBatches`
 * batches run at once (one per inference thread): the CPUs are busy anyway, and requests arriving
 * meanwhile form the next batch. Exclusive tasks (work that cannot be stacked, such as sequence
 * recognition) queue in the same line and take one batch slot.
 */
export class MicroBatcher<I, O> {
  private readonly queue: Job<I>[] = [];
  private readonly slots: number;
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private closing = false;
  private closedMessage = 'The server is shutting down; retry on another instance.';
  private idleWaiters: (() => void)[] = [];
  /** Smoothed duration of one batch, for the Retry-After estimate. */
  private batchMs = 10;

  constructor(private readonly options: MicroBatcherOptions<I, O>) {
    this.slots = options.maxConcurrentBatches ?? 1;
    if (options.maxBatchSize < 1 || options.maxQueueSize < 1 || options.windowMs < 0 || this.slots < 1) {
      throw new GlyphError(
        'BAD_USAGE',
        'micro-batcher: maxBatchSize, maxQueueSize and maxConcurrentBatches must be ≥ 1, windowMs ≥ 0.',
      );
    }
  }

  /** Requests waiting to run (running batches excluded). */
  get queueDepth(): number {
    return this.queue.length;
  }

  /** Resolves with this input's answer; rejects with OVERLOADED when the queue is full, TIMEOUT on abort. */
  submit(input: I, signal?: AbortSignal): Promise<O> {
    return this.enqueue<O>((settle) => ({ kind: 'item', input, settle }), signal);
  }

  /** Runs `task` in a batch slot of its own, in turn with the batches. */
  runExclusive<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.enqueue<T>((settle) => ({ kind: 'task', run: task, settle }), signal);
  }

  /** Refuses new work (with `refusal` as the NOT_READY message) and resolves once everything queued has run. */
  async close(refusal?: string): Promise<void> {
    this.closing = true;
    if (refusal !== undefined) this.closedMessage = refusal;
    if (this.queue.length === 0 && this.running === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue<T>(makeJob: (settle: Settle<unknown>) => Job<I>, signal?: AbortSignal): Promise<T> {
    if (this.closing) {
      return Promise.reject(new GlyphError('NOT_READY', this.closedMessage));
    }
    if (this.queue.length >= this.options.maxQueueSize) {
      return Promise.reject(this.overloaded());
    }
    if (signal?.aborted) return Promise.reject(timeoutError());
    return new Promise<T>((resolve, reject) => {
      // The listener goes once the job settles, so a long-lived signal does not keep the job alive.
      const onAbort = () => this.abort(job);
      const done = () => signal?.removeEventListener('abort', onAbort);
      const job = makeJob({
        resolve: (value) => {
          done();
          resolve(value as T);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      this.queue.push(job);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.schedule();
    });
  }

  private abort(job: Job<I>): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) this.queue.splice(index, 1);
    // A job already running keeps running; its caller just stops waiting for it.
    job.settle.reject(timeoutError());
  }

  private schedule(): void {
    if (this.running >= this.slots) return;
    if (this.queue.length >= this.options.maxBatchSize || this.options.windowMs === 0) {
      this.flush();
    } else if (this.timer === undefined && this.queue.length > 0) {
      this.timer = setTimeout(() => this.flush(), this.options.windowMs);
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running < this.slots && this.queue.length > 0) this.start(this.takeBatch());
    this.notifyIdle();
  }

  private start(jobs: Job<I>[]): void {
    this.running += 1;
    const startedMs = performance.now();
    void this.run(jobs).finally(() => {
      this.batchMs = 0.8 * this.batchMs + 0.2 * (performance.now() - startedMs);
      this.running -= 1;
      // Whatever arrived during the run has already waited at least one batch: run it now.
      if (this.queue.length > 0) setImmediate(() => this.flush());
      else this.notifyIdle();
    });
  }

  private takeBatch(): Job<I>[] {
    if (this.queue[0]?.kind === 'task') return this.queue.splice(0, 1);
    let count = 0;
    while (
      count < this.queue.length &&
      count < this.options.maxBatchSize &&
      this.queue[count].kind === 'item'
    ) {
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async run(jobs: Job<I>[]): Promise<void> {
    const startedMs = performance.now();
    try {
      if (jobs[0].kind === 'task') {
        jobs[0].settle.resolve(await jobs[0].run());
        return;
      }
      const inputs = jobs.map((job) => (job as Extract<Job<I>, { kind: 'item' }>).input);
      const outputs = await this.options.runBatch(inputs);
      if (outputs.length !== inputs.length) {
        throw new GlyphError(
          'INTERNAL',
          `A batch of ${inputs.length} inputs produced ${outputs.length} answers.`,
        );
      }
      jobs.forEach((job, index) => job.settle.resolve(outputs[index]));
      this.options.onBatch?.(jobs.length, performance.now() - startedMs);
    } catch (error) {
      for (const job of jobs) job.settle.reject(error);
    }
  }

  private notifyIdle(): void {
    if (this.running > 0 || this.queue.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private overloaded(): GlyphError {
    const batchesAhead = Math.ceil(this.queue.length / this.options.maxBatchSize) + 1;
    const waitMs = (batchesAhead * this.batchMs) / this.slots;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new GlyphError(
      'OVERLOADED',
      `${this.queue.length} requests are already waiting for this model (the limit is ${this.options.maxQueueSize}). Retry after ${retryAfterSeconds} s, or run more server instances.`,
      { details: { retryAfterSeconds } },
    );
  }
}

function timeoutError(): GlyphError {
  return new GlyphError(
    'TIMEOUT',
    'The prediction did not finish within the request timeout. The server is busy; retry shortly.',
    { details: { retryAfterSeconds: 1 } },
  );
}
