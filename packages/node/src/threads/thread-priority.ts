import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * On Linux, raises the calling thread's nice value by `niceness` (a thread is a task with its own),
 * so its work takes only the CPU time that the other threads leave over. Elsewhere: a no-op.
 */
export function lowerThisThreadPriority(niceness: number): void {
  if (niceness <= 0) return;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) setPriority(threadId, Math.min(19, getPriority(threadId) + niceness));
  } catch {
    // no /proc/thread-self (not Linux): the thread keeps the process priority
  }
}
