import { GlyphError, isGlyphError } from '@glyph/core';
import type { Pool, PoolClient } from 'pg';

/** Socket errors of a database that is restarting, unreachable or dropped the connection. */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOENT', // a Unix socket not there (yet)
]);

/**
 * SQLSTATEs worth another try: connection exceptions (class 08), the server shutting down or starting
 * (57P01-57P03), too many connections, and transactions that lost a race (serialization, deadlock).
 */
const retryableStates = /^(08...|57P0[123]|53300|40001|40P01)$/;

const droppedConnection =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Query read timeout|Client was closed|not queryable/i;

/** Whether `error` means "the database could not be reached now", so the same work may be tried again. */
export function isConnectionError(error: unknown): boolean {
  if (isGlyphError(error)) return false;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (socketCodes.has(code) || retryableStates.test(code))) return true;
  return typeof message === 'string' && droppedConnection.test(message);
}

export interface RetryOptions {
  /** How long to keep trying after the first failure before answering FEEDBACK_STORE_UNAVAILABLE. */
  readonly retryMs: number;
  /** The store as logs may show it (no password). */
  readonly description: string;
  /** Longest wait for a pooled connection before the attempt counts as failed (and is retried). */
  readonly connectTimeoutMs: number;
}

const firstDelayMs = 50;
const maxDelayMs = 1000;

/**
 * Runs `work` in a transaction on a pooled connection, and again (with backoff: 50 ms doubling to
 * 1 s) while the database cannot be reached, for at most `retryMs`; then FEEDBACK_STORE_UNAVAILABLE.
 * A connection that failed is destroyed, not returned to the pool. Errors that are answers (a
 * GlyphError, a constraint) roll back and pass through at once.
 *
 * When a COMMIT's answer is lost the work may have been done: `work` is told the attempt number and
 * must make a second attempt safe (the stores look for the ids they chose before the first one).
 */
export function inTransaction<T>(
  pool: Pool,
  options: RetryOptions,
  work: (client: PoolClient, attempt: number) => Promise<T>,
): Promise<T> {
  return withRetries(pool, options, true, work);
}

/** One read, retried like `inTransaction` but without BEGIN and COMMIT around it. */
export function readWithRetries<T>(
  pool: Pool,
  options: RetryOptions,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  return withRetries(pool, options, false, work);
}

async function withRetries<T>(
  pool: Pool,
  options: RetryOptions,
  transaction: boolean,
  work: (client: PoolClient, attempt: number) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + options.retryMs;
  let delayMs = firstDelayMs;
  for (let attempt = 0; ; attempt += 1) {
    let client: PoolClient | undefined;
    try {
      client = await connectWithin(pool, options.connectTimeoutMs);
      if (transaction) await client.query('BEGIN');
      const result = await work(client, attempt);
      if (transaction) await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      const retryable = isConnectionError(error);
      if (client) {
        if (retryable) client.release(error as Error);
        else {
          if (transaction) await client.query('ROLLBACK').catch(() => undefined);
          client.release();
        }
      }
      if (!retryable) throw error;
      if (Date.now() + delayMs > deadline) throw unavailable(options, error);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(2 * delayMs, maxDelayMs);
    }
  }
}

/**
 * A pooled connection within `timeoutMs`, else a connection error. The pool has its own connect
 * timeout, yet around database restarts a connect has been seen to never settle; an attempt given up
 * here sent nothing, so retrying it is safe, and a connection that arrives late is discarded.
 */
function connectWithin(pool: Pool, timeoutMs: number): Promise<PoolClient> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new Error(`timeout exceeded when trying to connect (${timeoutMs} ms)`));
    }, timeoutMs);
    pool.connect().then(
      (client) => {
        if (settled) client.release(new Error('connection arrived after its attempt was given up'));
        else {
          settled = true;
          clearTimeout(timer);
          resolve(client);
        }
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** FEEDBACK_STORE_UNAVAILABLE (503) after retrying for `retryMs`. */
export function unavailable(options: RetryOptions, cause: unknown): GlyphError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new GlyphError(
    'FEEDBACK_STORE_UNAVAILABLE',
    `The feedback store ${options.description} could not be reached for ${(options.retryMs / 1000).toFixed(1)} s (${reason}), so this request was not carried out; retry it in a moment.`,
    { cause },
  );
}
