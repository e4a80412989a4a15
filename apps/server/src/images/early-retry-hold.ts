/** Requests held at once, server-wide; beyond, a refusal is answered at once as before. */
export const MAX_HELD_REQUESTS = 64;
/** Clients remembered at once; the oldest are forgotten first. */
const MAX_REMEMBERED_CLIENTS = 10_000;

/**
 * Remembers until when each client was asked to wait (the `Retry-After` of its last busy refusal),
 * so that a client coming back sooner with a request that would be refused again can be held,
 * unread, until then instead of being answered at once. A client that re-sends every refusal at
 * once then costs one held request per request it keeps in flight each `Retry-After`, not a
 * connection, a header parse and an answer every few milliseconds; a client that honours
 * `Retry-After` is never held.
 */
export class EarlyRetryHold {
  private readonly waitUntil = new Map<string, number>();
  private holding = 0;

  constructor(
    private readonly maxHeld = MAX_HELD_REQUESTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Requests held right now. */
  get held(): number {
    return this.holding;
  }

  /** Records that `client` was refused and told to retry after `seconds`. */
  refused(client: string, seconds: number): void {
    this.waitUntil.delete(client); // re-inserted last: the map's order is oldest first
    this.waitUntil.set(client, this.now() + seconds * 1000);
    if (this.waitUntil.size > MAX_REMEMBERED_CLIENTS) {
      const oldest = this.waitUntil.keys().next().value;
      if (oldest !== undefined) this.waitUntil.delete(oldest);
    }
  }

  /** Milliseconds `client` was asked to wait still, 0 when none. */
  remainingMs(client: string): number {
    const until = this.waitUntil.get(client);
    if (until === undefined) return 0;
    const remaining = until - this.now();
    if (remaining > 0) return remaining;
    this.waitUntil.delete(client);
    return 0;
  }

  /**
   * Waits out the rest of `client`'s `Retry-After`. Resolves `true` when the wait is over, `false`
   * at once when the client has nothing left to wait or `maxHeld` requests are held already, and
   * `false` as soon as `signal` aborts (the client hung up).
   */
  async hold(client: string, signal: AbortSignal): Promise<boolean> {
    const remaining = this.remainingMs(client);
    if (remaining === 0 || this.holding >= this.maxHeld || signal.aborted) return false;
    this.holding += 1;
    try {
      return await new Promise<boolean>((resolve) => {
        const done = (waited: boolean) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', aborted);
          resolve(waited);
        };
        const aborted = () => done(false);
        const timer = setTimeout(() => done(true), remaining);
        signal.addEventListener('abort', aborted, { once: true });
      });
    } finally {
      this.holding -= 1;
    }
  }
}
