import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { GlyphError } from '@glyph/core';

export interface DownloadFileOptions {
  /** Tried in order until one succeeds. */
  readonly urls: readonly string[];
  /** Final path; bytes arrive in `<destination>.partial` and are renamed into place once verified. */
  readonly destination: string;
  readonly sha256?: string;
  readonly md5?: string;
  readonly bytes?: number;
  /** Attempts per URL; each retry resumes from the partial file (default 3). */
  readonly attempts?: number;
  readonly onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
}

export interface DownloadedFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Bytes that were already in the partial file when this call started. */
  readonly resumedFromBytes: number;
}

/**
 * Downloads with resume (HTTP Range on an existing `.partial`), checksum verification and an atomic
 * rename into place. A dropped connection keeps the partial file (the next call resumes); a checksum
 * mismatch deletes it, since resuming from bad bytes could never succeed.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadedFile> {
  const partial = `${options.destination}.partial`;
  await mkdir(dirname(options.destination), { recursive: true });
  const resumedFromBytes = await sizeOf(partial);
  const failures: string[] = [];
  let fetched = false;
  for (const url of options.urls) {
    for (let attempt = 1; attempt <= (options.attempts ?? 3) && !fetched; attempt++) {
      try {
        await fetchInto(url, partial, options);
        fetched = true;
      } catch (error) {
        failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
        if (error instanceof HttpStatusError) break; // another attempt at the same URL will not help
      }
    }
    if (fetched) break;
  }
  if (!fetched) {
    const kept = await sizeOf(partial);
    throw new GlyphError(
      'DOWNLOAD_FAILED',
      `Could not download ${options.destination}: ${failures.join('; ')}. ` +
        (kept > 0
          ? `${kept} bytes were kept in ${partial}: run the same command again to resume.`
          : 'Check the network and retry.'),
    );
  }
  const digest = await verify(partial, options);
  await rename(partial, options.destination);
  return { path: options.destination, bytes: digest.bytes, sha256: digest.sha256, resumedFromBytes };
}

class HttpStatusError extends Error {}

async function fetchInto(url: string, partial: string, options: DownloadFileOptions): Promise<void> {
  const existing = await sizeOf(partial);
  const response = await fetch(url, { headers: existing > 0 ? { Range: `bytes=${existing}-` } : {} });
  if (response.status === 416 && existing > 0) {
    await response.body?.cancel();
    return; // The partial already holds the whole file; verification decides.
  }
  const resuming = response.status === 206;
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new HttpStatusError(`HTTP ${response.status} ${response.statusText}`);
  }
  if (resuming && !response.headers.get('content-range')?.startsWith(`bytes ${existing}-`)) {
    await response.body.cancel();
    throw new Error(`server answered the range request with ${response.headers.get('content-range')}`);
  }
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = options.bytes ?? (Number.isFinite(length) ? length + (resuming ? existing : 0) : undefined);
  let received = resuming ? existing : 0;
  options.onProgress?.(received, total);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      options.onProgress?.(received, total);
      callback(null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    counter,
    // A server that ignores Range sends the whole file (200): start the partial over.
    createWriteStream(partial, { flags: resuming ? 'a' : 'w' }),
  );
}

async function verify(
  partial: string,
  options: DownloadFileOptions,
): Promise<{ bytes: number; sha256: string }> {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let bytes = 0;
  for await (const chunk of createReadStream(partial) as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    md5.update(chunk);
    bytes += chunk.length;
  }
  const actual = { sha256: sha256.digest('hex'), md5: md5.digest('hex') };
  const problem =
    options.bytes !== undefined && bytes !== options.bytes
      ? `size ${bytes} bytes, expected ${options.bytes}`
      : options.sha256 && actual.sha256 !== options.sha256
        ? `sha256 ${actual.sha256}, expected ${options.sha256}`
        : !options.sha256 && options.md5 && actual.md5 !== options.md5
          ? `md5 ${actual.md5}, expected ${options.md5}`
          : undefined;
  if (problem) {
    await rm(partial, { force: true });
    throw new GlyphError(
      'CHECKSUM_MISMATCH',
      `Downloaded ${options.destination} does not match its published checksum: ${problem}. ` +
        'The partial file was deleted; run the command again to download it from scratch.',
    );
  }
  return { bytes, sha256: actual.sha256 };
}

async function sizeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => undefined))?.size ?? 0;
}
