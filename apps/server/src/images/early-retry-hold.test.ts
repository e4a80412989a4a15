import { describe, expect, it } from 'vitest';
import { EarlyRetryHold } from './early-retry-hold';

describe('EarlyRetryHold', () => {
  it('holds a client that comes back before its Retry-After until then, and nobody else', async () => {
    const hold = new EarlyRetryHold();
    const never = new AbortController().signal;
    expect(hold.remainingMs('a')).toBe(0);
    expect(await hold.hold('a', never)).toBe(false); // never refused: not held

    hold.refused('a', 0.2);
    expect(hold.remainingMs('a')).toBeGreaterThan(150);
    expect(hold.remainingMs('b')).toBe(0);
    const started = performance.now();
    const waiting = hold.hold('a', never);
    expect(hold.held).toBe(1);
    expect(await waiting).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(hold.held).toBe(0);
    expect(hold.remainingMs('a')).toBe(0); // the wait is over: the next refusal starts a new one
  });

  it('lets go at once when the client hangs up', async () => {
    const hold = new EarlyRetryHold();
    hold.refused('a', 30);
    const hangUp = new AbortController();
    const waiting = hold.hold('a', hangUp.signal);
    hangUp.abort();
    expect(await waiting).toBe(false);
    expect(hold.held).toBe(0);
  });

  it('holds no more than its limit at once; the rest are answered at once', async () => {
    const hold = new EarlyRetryHold(2);
    hold.refused('a', 30);
    const hangUp = new AbortController();
    const first = hold.hold('a', hangUp.signal);
    const second = hold.hold('a', hangUp.signal);
    expect(await hold.hold('a', hangUp.signal)).toBe(false);
    expect(hold.held).toBe(2);
    hangUp.abort();
    expect(await Promise.all([first, second])).toEqual([false, false]);
  });

  it('measures the wait on its clock', () => {
    let now = 1_000;
    const hold = new EarlyRetryHold(64, () => now);
    hold.refused('a', 2);
    now += 1_500;
    expect(hold.remainingMs('a')).toBe(500);
    now += 600;
    expect(hold.remainingMs('a')).toBe(0);
  });
});
