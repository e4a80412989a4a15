import { describe, expect, it } from 'vitest';
import { GlyphError } from '@glyph/core';
import { MicroBatcher } from './micro-batcher';

/** A runBatch that doubles numbers, records batch sizes and can be held closed by a gate. */
function doubler() {
  const sizes: number[] = [];
  let open: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  return {
    sizes,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => open(),
    async runBatch(inputs: readonly number[]) {
      sizes.push(inputs.length);
      await gate;
      return inputs.map((x) => x * 2);
    },
  };
}

describe('MicroBatcher', () => {
  it('stacks concurrent requests into batches of at most maxBatchSize and answers each in order', async () => {
    const model = doubler();
    const batcher = new MicroBatcher({
      windowMs: 5,
      maxBatchSize: 4,
      maxQueueSize: 100,
      runBatch: model.runBatch,
    });
    const answers = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => batcher.submit(x)));
    expect(answers).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(model.sizes).toEqual([4, 4, 2]);
  });

  it('refuses work beyond the queue bound with OVERLOADED and a retry delay', async () => {
    const model = doubler();
    model.hold();
    const batcher = new MicroBatcher({
      windowMs: 0,
      maxBatchSize: 8,
      maxQueueSize: 2,
      runBatch: model.runBatch,
    });
    const running = batcher.submit(1); // runs at once and blocks on the gate
    const queued = [batcher.submit(2), batcher.submit(3)];
    expect(batcher.queueDepth).toBe(2);
    const refused = await batcher.submit(4).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GlyphError);
    expect((refused as GlyphError).code).toBe('OVERLOADED');
    expect((refused as GlyphError).details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    model.release();
    expect(await Promise.all([running, ...queued])).toEqual([2, 4, 6]);
    expect(model.sizes).toEqual([1, 2]);
  });

  it('drops a queued request whose signal aborts, with TIMEOUT, and still answers the others', async () => {
    const model = doubler();
    model.hold();
    const batcher = new MicroBatcher({
      windowMs: 0,
      maxBatchSize: 8,
      maxQueueSize: 8,
      runBatch: model.runBatch,
    });
    const first = batcher.submit(1);
    const controller = new AbortController();
    const abandoned = batcher.submit(2, controller.signal).catch((error: unknown) => error);
    const kept = batcher.submit(3);
    controller.abort();
    expect(((await abandoned) as GlyphError).code).toBe('TIMEOUT');
    model.release();
    expect(await Promise.all([first, kept])).toEqual([2, 6]);
    expect(model.sizes).toEqual([1, 1]);
  });

  it('rejects every request of a failing batch with its error', async () => {
    const failure = new GlyphError('INTERNAL', 'boom');
    const batcher = new MicroBatcher<number, number>({
      windowMs: 1,
      maxBatchSize: 8,
      maxQueueSize: 8,
      runBatch: () => Promise.reject(failure),
    });
    const results = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(results).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
  });

  it('runs exclusive tasks alone, in turn with the batches', async () => {
    const model = doubler();
    model.hold();
    const batcher = new MicroBatcher({
      windowMs: 0,
      maxBatchSize: 8,
      maxQueueSize: 8,
      runBatch: model.runBatch,
    });
    const order: string[] = [];
    const first = batcher.submit(1).then(() => order.push('batch 1'));
    const task = batcher.runExclusive(async () => {
      order.push(`task (batches so far: ${model.sizes.join(',')})`);
      return 'done';
    });
    const later = batcher.submit(5).then(() => order.push('batch 2'));
    model.release();
    expect(await task).toBe('done');
    await Promise.all([first, later]);
    expect(order).toEqual(['batch 1', 'task (batches so far: 1)', 'batch 2']);
  });

  it('runs up to maxConcurrentBatches batches at once, one per inference thread', async () => {
    const model = doubler();
    model.hold();
    const batcher = new MicroBatcher({
      windowMs: 0,
      maxBatchSize: 2,
      maxQueueSize: 16,
      maxConcurrentBatches: 2,
      runBatch: model.runBatch,
    });
    const pending = [1, 2, 3, 4, 5, 6].map((x) => batcher.submit(x));
    // Two batches started at once (1 and 2, one request each, as windowMs is 0); the rest wait.
    expect(model.sizes).toEqual([1, 1]);
    expect(batcher.queueDepth).toBe(4);
    model.release();
    expect(await Promise.all(pending)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(model.sizes).toEqual([1, 1, 2, 2]);
  });

  it('finishes queued work on close and refuses new work', async () => {
    const model = doubler();
    const batcher = new MicroBatcher({
      windowMs: 5,
      maxBatchSize: 8,
      maxQueueSize: 8,
      runBatch: model.runBatch,
    });
    const pending = [batcher.submit(1), batcher.submit(2)];
    await batcher.close();
    expect(await Promise.all(pending)).toEqual([2, 4]);
    await expect(batcher.submit(3)).rejects.toMatchObject({ code: 'NOT_READY' });
  });
});
