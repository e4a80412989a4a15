import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestOnlyRunner } from './latest-only-runner';

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('LatestOnlyRunner', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs an immediate job at once and collapses jobs submitted meanwhile into the newest', async () => {
    const started: number[] = [];
    const gates = [deferred(), deferred()];
    const runner = new LatestOnlyRunner<number>(async (job) => {
      started.push(job);
      await gates[started.length - 1].promise;
    });
    runner.submit(1);
    runner.submit(2);
    runner.submit(3);
    expect(started).toEqual([1]);
    gates[0].resolve();
    await vi.runAllTimersAsync();
    expect(started).toEqual([1, 3]);
    gates[1].resolve();
    await vi.runAllTimersAsync();
    expect(runner.isIdle).toBe(true);
  });

  it('waits for a delayed job and keeps the earliest deadline when replaced', async () => {
    const started: string[] = [];
    const runner = new LatestOnlyRunner<string>(async (job) => void started.push(job));
    runner.submit('a', 100);
    await vi.advanceTimersByTimeAsync(60);
    runner.submit('b', 100);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(40);
    expect(started).toEqual(['b']);
  });

  it('an immediate job overrides a waiting delayed one; cancel drops a waiting job', async () => {
    const started: string[] = [];
    const runner = new LatestOnlyRunner<string>(async (job) => void started.push(job));
    runner.submit('slow', 500);
    runner.submit('now');
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['now']);
    runner.submit('later', 100);
    runner.cancel();
    await vi.advanceTimersByTimeAsync(200);
    expect(started).toEqual(['now']);
  });

  it('keeps going after a job fails', async () => {
    const started: number[] = [];
    const runner = new LatestOnlyRunner<number>(async (job) => {
      started.push(job);
      if (job === 1) throw new Error('boom');
    });
    runner.submit(1);
    runner.submit(2);
    await vi.runAllTimersAsync();
    expect(started).toEqual([1, 2]);
  });
});
