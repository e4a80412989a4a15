export interface Deadline {
  readonly signal: AbortSignal;
  /** Cancels the timer: call when the work is done, so nothing it references outlives the request. */
  clear(): void;
}

/**
 * An abort signal that fires after `timeoutMs`. Unlike `AbortSignal.timeout`, it can be cleared, so
 * a finished request's image is not kept alive by a pending timer for the rest of the timeout.
 */
export function deadline(timeoutMs: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
