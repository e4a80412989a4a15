import { randomUUID } from 'node:crypto';

/** `20250131T235959123Z`: sorts by time and is a valid file name everywhere. */
export function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}

/**
 * A new sample's or operation's id, `<time>-<8 hex>`: ids sort by time, and a sample's file name is
 * its id plus `.png` on every backend.
 */
export function newId(now: Date): string {
  return `${timestamp(now)}-${randomUUID().slice(0, 8)}`;
}
