import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile, unwatchFile, watchFile, type StatWatcher } from 'node:fs';
import { isGlyphError } from '@glyph/core';
import { parseApiKeyEntries, type ApiKeyEntry } from './api-key-entries';

export interface KeyRingOptions {
  /** A keys file (one hashed entry per line), re-read when it changes; `null` for none. */
  readonly file: string | null;
  /** Entries given inline (`GLYPH_API_KEYS`), fixed for the life of the process. */
  readonly inline: readonly string[];
  /** How often the file's modification time is polled, in ms (polling survives editors' rename-on-save). */
  readonly pollIntervalMs?: number;
}

export interface KeyRingLog {
  info(message: string): void;
  error(message: string): void;
}

/**
 * The accepted API keys: inline entries plus the keys file's, which is re-read when it changes on
 * disk (or on `reload()`, e.g. from a SIGHUP handler), so keys rotate without a restart. A file that
 * disappears revokes its keys; a file that no longer parses keeps the previous keys and logs why.
 */
export class KeyRing {
  private fileEntries: readonly ApiKeyEntry[] = [];
  private readonly inlineEntries: readonly ApiKeyEntry[];
  private watching: StatWatcher | null = null;

  constructor(private readonly options: KeyRingOptions) {
    this.inlineEntries = options.inline.flatMap((text) => parseApiKeyEntries(text, 'GLYPH_API_KEYS'));
  }

  /** Entries in force: inline plus file. */
  get size(): number {
    return this.inlineEntries.length + this.fileEntries.length;
  }

  /** Reads the keys file again; throws BAD_USAGE if it does not parse (the previous keys stay). */
  async reload(): Promise<void> {
    const file = this.options.file;
    if (file === null) return;
    const text = await new Promise<string | null>((resolve, reject) =>
      readFile(file, 'utf8', (error, data) => {
        if (error && error.code === 'ENOENT') resolve(null);
        else if (error) reject(error);
        else resolve(data);
      }),
    );
    this.fileEntries = text === null ? [] : parseApiKeyEntries(text, file);
  }

  /** Starts following the keys file (no-op without one); `close()` stops. */
  watch(log: KeyRingLog): void {
    const file = this.options.file;
    if (file === null || this.watching) return;
    const interval = this.options.pollIntervalMs ?? 1000;
    this.watching = watchFile(file, { interval, persistent: false }, () => {
      this.reload().then(
        () => log.info(`API keys reloaded from ${file}: ${this.size} in force`),
        (error: unknown) =>
          log.error(
            `API keys file ${file} could not be read; the previous keys stay in force: ${isGlyphError(error) || error instanceof Error ? error.message : String(error)}`,
          ),
      );
    });
  }

  close(): void {
    if (this.watching && this.options.file !== null) unwatchFile(this.options.file);
    this.watching = null;
  }

  /**
   * The entry whose digest matches `key`, if any. Every entry is compared, each in constant time,
   * so the answer's timing does not depend on which entry (or how much of a digest) matched.
   */
  find(key: string): ApiKeyEntry | undefined {
    const digest = createHash('sha256').update(key, 'utf8').digest();
    let found: ApiKeyEntry | undefined;
    for (const entry of [...this.inlineEntries, ...this.fileEntries]) {
      if (timingSafeEqual(entry.digest, digest) && found === undefined) found = entry;
    }
    return found;
  }
}
