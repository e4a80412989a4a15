import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { GlyphError } from '@glyph/core';
import { parseIdx, type IdxArray } from './idx-format';
import { fileExists, sha256Hex } from './source-files';

const gunzipAsync = promisify(gunzip);

export interface IdxFile extends IdxArray {
  readonly path: string;
  /** sha256 of the file as stored (compressed bytes for `.gz`). */
  readonly sha256: string;
}

/**
 * Reads an IDX file, gzip-compressed (recognised by its magic bytes, whatever the name) or raw, and
 * validates it. Missing → DATASET_MISSING; damaged → DATASET_CORRUPT naming the file.
 */
export async function readIdxFile(path: string): Promise<IdxFile> {
  if (!(await fileExists(path))) {
    throw new GlyphError('DATASET_MISSING', `${path} does not exist.`, { details: { file: path } });
  }
  const stored = await readFile(path);
  const sha256 = sha256Hex(stored);
  const isGzip = stored.length >= 2 && stored[0] === 0x1f && stored[1] === 0x8b;
  let bytes: Uint8Array = stored;
  if (isGzip) {
    try {
      bytes = await gunzipAsync(stored);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new GlyphError(
        'DATASET_CORRUPT',
        `${path}: gzip data is damaged or truncated (${reason}). Re-download the file (glyph data download).`,
        { cause: error, details: { file: path } },
      );
    }
  }
  return { ...parseIdx(bytes, path), path, sha256 };
}

/** Images (`[count, rows, cols]`) and labels (`[count]`) read as a matching pair. */
export interface IdxImagesAndLabels {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly width: number;
  readonly height: number;
  readonly sources: readonly { path: string; sha256: string }[];
}

export async function readIdxImagesAndLabels(
  imagesPath: string,
  labelsPath: string,
): Promise<IdxImagesAndLabels> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  if (images.dimensions.length !== 3) {
    throw new GlyphError(
      'DATASET_CORRUPT',
      `${imagesPath}: expected 3 dimensions (count, rows, columns) for an images file, found ${images.dimensions.length} (${images.dimensions.join('×')}).`,
    );
  }
  if (labels.dimensions.length !== 1) {
    throw new GlyphError(
      'DATASET_CORRUPT',
      `${labelsPath}: expected 1 dimension (count) for a labels file, found ${labels.dimensions.length} (${labels.dimensions.join('×')}).`,
    );
  }
  const [count, height, width] = images.dimensions;
  if (labels.dimensions[0] !== count) {
    throw new GlyphError(
      'DATASET_CORRUPT',
      `count mismatch: ${basename(imagesPath)} holds ${count} images but ${basename(labelsPath)} holds ` +
        `${labels.dimensions[0]} labels (${imagesPath}, ${labelsPath}). The two files must come from the same split.`,
    );
  }
  return {
    images: images.data,
    labels: labels.data,
    count,
    width,
    height,
    sources: [images, labels].map(({ path, sha256 }) => ({ path, sha256 })),
  };
}
