import type { WireError } from './wire-error';

/** What every thread started by `ThreadChannel.start` finds in `workerData`. */
export interface ThreadData<Data> {
  readonly data: Data;
  /** Added to the thread's nice value on Linux before its setup runs (0: unchanged). */
  readonly niceness: number;
}

/** The thread's first message: its setup finished (with a value for the caller) or failed. */
export type StartReport<Ready> = { readonly ready: Ready } | { readonly failed: WireError };

/** Main thread → thread. */
export interface RequestEnvelope<Request> {
  readonly id: number;
  readonly request: Request;
}

/** Thread → main thread: exactly one per request, matched by `id`. */
export type ReplyEnvelope<Reply> =
  { readonly id: number; readonly reply: Reply } | { readonly id: number; readonly error: WireError };
