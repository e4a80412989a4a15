/** The kinds of route with separate budgets: predictions, stores and edits, everything else. */
export type RateLimitKind = 'predict' | 'write' | 'read';

/** Requests per minute per client, per kind of route; 0 leaves that kind unlimited. */
export type RateLimits = Readonly<Record<RateLimitKind, number>>;

/**
 * Room for live recognition while drawing (a few predictions a second) and a brisk review session
 * (relabels by key), far below what fills a disk or a CPU: 120 writes a minute of at most 1 MiB
 * each is 2 MiB/s at worst, and the feedback quota stops it at its total.
 */
export const defaultRateLimits: RateLimits = { predict: 1200, write: 120, read: 1200 };

const kinds: readonly RateLimitKind[] = ['predict', 'write', 'read'];

/**
 * Reads `--rate-limit`: `off`, or `predict=1200,write=120,read=1200` (any subset; the rest keep
 * their defaults; 0 = unlimited). Returns an error message instead when the text does not parse.
 */
export function parseRateLimits(text: string): RateLimits | null | string {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off' || trimmed === 'false' || trimmed === 'none') return null;
  const limits: Record<RateLimitKind, number> = { ...defaultRateLimits };
  for (const part of trimmed.split(',')) {
    const match = /^\s*(\w+)\s*=\s*(\d+)\s*$/.exec(part);
    const kind = match?.[1] as RateLimitKind | undefined;
    if (!match || !kinds.includes(kind!)) {
      return `expected "off" or requests per minute per client such as predict=1200,write=120,read=1200 (got ${JSON.stringify(part.trim())})`;
    }
    limits[kind!] = Number(match[2]);
  }
  return limits;
}
