// Builders for tiny on-disk datasets and temporary folders for tests.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** An IDX file: magic `00 00 08 <ndims>`, big-endian sizes, then the uint8 payload. */
export function idxBytes(dimensions: readonly number[], payload: ArrayLike<number>): Uint8Array {
  const header = new Uint8Array(4 + 4 * dimensions.length);
  header.set([0, 0, 0x08, dimensions.length]);
  const view = new DataView(header.buffer);
  dimensions.forEach((size, i) => view.setUint32(4 + 4 * i, size, false));
  const bytes = new Uint8Array(header.length + payload.length);
  bytes.set(header);
  bytes.set(Uint8Array.from(payload), header.length);
  return bytes;
}

export function gzip(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes);
}

const createdDirs: string[] = [];

/** A fresh temporary folder; `removeTempDirs` (call it in `afterAll`) deletes them all. */
export async function tempDir(prefix = 'glyph-data-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  createdDirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(createdDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export async function writeFiles(root: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), content);
  }
}

/**
 * The shared datasets folder for integration tests (`GLYPH_DATA_DIR`, which CI sets to
 * `../shared/datasets`). Absent data fails the test with instructions; it never skips silently.
 */
export function sharedDataDir(): string {
  const dir = process.env.GLYPH_DATA_DIR;
  if (!dir) {
    throw new Error(
      'GLYPH_DATA_DIR is not set. Integration tests read MNIST/EMNIST from the shared datasets folder: ' +
        'run with GLYPH_DATA_DIR=../shared/datasets (relative to the repository) or download them with ' +
        '"npx glyph data download mnist".',
    );
  }
  return resolve(dir);
}
