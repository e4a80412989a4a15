import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileExists } from '../datasets/source-files';
import { removeTempDirs, sharedDataDir, tempDir } from '../testing';
import { downloadDataset } from './download-dataset';
import { downloadFile } from './download-file';

const content = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31 + (i >> 9)) & 255));
const sha256 = createHash('sha256').update(content).digest('hex');

/** Range requests seen by the server, per path. */
const ranges: Record<string, (string | undefined)[]> = {};
let flakyDrops = 0;
let server: Server;
let base: string;

/** Serves `body`, honouring `Range: bytes=N-` with a 206 like a real file server. */
function serve(request: IncomingMessage, response: ServerResponse, body: Buffer): void {
  const match = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  const start = match ? Number(match[1]) : 0;
  if (start >= body.length && match) {
    response.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
    return;
  }
  const headers = { 'Content-Length': String(body.length - start) };
  if (match)
    response.writeHead(206, {
      ...headers,
      'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}`,
    });
  else response.writeHead(200, headers);
  response.end(body.subarray(start));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '';
    (ranges[path] ??= []).push(request.headers.range);
    if (path === '/good.bin') return serve(request, response, content);
    if (path === '/corrupt.bin')
      return serve(request, response, Buffer.concat([content.subarray(1), Buffer.of(0)]));
    if (path === '/flaky.bin' && flakyDrops > 0) {
      flakyDrops--;
      // Promise the whole file, send the first 60%, then drop the connection.
      response.writeHead(200, { 'Content-Length': String(content.length) });
      response.write(content.subarray(0, 120_000), () => setTimeout(() => response.socket?.destroy(), 20));
      return;
    }
    if (path === '/flaky.bin') return serve(request, response, content);
    if (path.startsWith('/mnist/') || path.startsWith('/fashion-mnist/')) {
      // The real MNIST files from the shared datasets folder, so the registry checksums are exercised.
      readFile(join(sharedDataDir(), path)).then(
        (body) => serve(request, response, body),
        () => response.writeHead(404).end(),
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await removeTempDirs();
});

describe('downloadFile', () => {
  it('downloads, verifies and renames into place, reporting progress', async () => {
    const destination = join(await tempDir(), 'sub', 'good.bin');
    const progress: number[] = [];
    const result = await downloadFile({
      urls: [`${base}/good.bin`],
      destination,
      sha256,
      bytes: content.length,
      onProgress: (received, total) => progress.push(received / (total ?? NaN)),
    });
    expect(result).toMatchObject({ path: destination, bytes: content.length, sha256, resumedFromBytes: 0 });
    expect((await readFile(destination)).equals(content)).toBe(true);
    expect(await fileExists(`${destination}.partial`)).toBe(false);
    expect(progress.at(-1)).toBe(1);
  });

  it('rejects a corrupted file with CHECKSUM_MISMATCH and deletes the partial', async () => {
    const destination = join(await tempDir(), 'corrupt.bin');
    await expect(downloadFile({ urls: [`${base}/corrupt.bin`], destination, sha256 })).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      message: expect.stringMatching(
        new RegExp(`corrupt\\.bin does not match .*expected ${sha256}.*partial file was deleted`),
      ),
    });
    expect(await fileExists(`${destination}.partial`)).toBe(false);
    expect(await fileExists(destination)).toBe(false);
  });

  it('keeps the partial after a dropped connection and resumes it with a Range request', async () => {
    const destination = join(await tempDir(), 'flaky.bin');
    flakyDrops = 1;
    await expect(
      downloadFile({ urls: [`${base}/flaky.bin`], destination, sha256, attempts: 1 }),
    ).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('run the same command again to resume'),
    });
    const kept = (await readFile(`${destination}.partial`)).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(content.length);

    const result = await downloadFile({ urls: [`${base}/flaky.bin`], destination, sha256 });
    expect(ranges['/flaky.bin'].at(-1)).toBe(`bytes=${kept}-`);
    expect(result.resumedFromBytes).toBe(kept);
    expect((await readFile(destination)).equals(content)).toBe(true);
    expect(await fileExists(`${destination}.partial`)).toBe(false);
  });

  it('resumes within one call when the connection drops, and falls back to the next mirror', async () => {
    const destination = join(await tempDir(), 'flaky.bin');
    flakyDrops = 1;
    const result = await downloadFile({
      urls: [`${base}/absent.bin`, `${base}/flaky.bin`],
      destination,
      sha256,
    });
    expect(result.sha256).toBe(sha256);
    expect(ranges['/flaky.bin'].at(-1)).toMatch(/^bytes=\d+-$/);
  });

  it('reports DOWNLOAD_FAILED naming every URL when none works', async () => {
    const destination = join(await tempDir(), 'x.bin');
    await expect(downloadFile({ urls: [`${base}/absent.bin`], destination })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining(`${base}/absent.bin: HTTP 404`),
    });
  });
});

describe('downloadDataset', () => {
  it('fetches the MNIST files into <dataDir>/mnist, verified against the registry, then skips them', async () => {
    const dataDir = await tempDir();
    const urlsFor = (file: { fileName: string }) => [`${base}/mnist/${file.fileName}`];
    const seen = new Set<string>();
    const first = await downloadDataset('mnist', {
      dataDir,
      urlsFor,
      onProgress: (p) => seen.add(p.fileName),
    });
    expect(first.files.map((file) => file.status)).toEqual([
      'downloaded',
      'downloaded',
      'downloaded',
      'downloaded',
    ]);
    expect(seen.size).toBe(4);
    expect(await fileExists(join(dataDir, 'mnist', 't10k-labels-idx1-ubyte.gz'))).toBe(true);
    const second = await downloadDataset('mnist', { dataDir, urlsFor });
    expect(second.files.every((file) => file.status === 'already-present')).toBe(true);
  });

  it('checks Fashion-MNIST against its published sizes: the re-compressed shared copy is refused', async () => {
    const dataDir = await tempDir();
    // The shared copy's gzip headers lack the file name, so each file is 23-24 bytes short.
    await expect(
      downloadDataset('fashion-mnist', {
        dataDir,
        urlsFor: (file) => [`${base}/fashion-mnist/${file.fileName}`],
      }),
    ).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      message: expect.stringContaining('size 26421856 bytes, expected 26421880'),
    });
    expect(await fileExists(join(dataDir, 'fashion-mnist', 'train-images-idx3-ubyte.gz'))).toBe(false);
  });

  it('checks md5 when no sha256 is published, and rejects unknown names', async () => {
    const dataDir = await tempDir();
    // The EMNIST archive has only a published md5; the served bytes are not the archive.
    await expect(
      downloadDataset('emnist-letters', { dataDir, urlsFor: () => [`${base}/good.bin`] }),
    ).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH', message: expect.stringContaining('md5') });
    await expect(downloadDataset('cifar', { dataDir })).rejects.toMatchObject({
      code: 'DATASET_UNKNOWN',
      message: expect.stringContaining('Downloadable: mnist, emnist'),
    });
  });
});
