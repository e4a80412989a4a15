// The data sets of the cross-dataset board: each one a list of raw images with their true labels, as
// a person would hand them to Glyph (decoded pixels, any size, either polarity), or model-input
// images for a model's own held-out partition.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LabeledImages, RawImage } from '@glyph/core';
import { loadDataset, labelFromDirName } from '@glyph/node/datasets';
import { decodeImage } from '@glyph/node/image';
import sharp from 'sharp';

export interface BoardSet {
  readonly name: string;
  /** What the set is and why the model never trained on it. */
  readonly about: string;
  readonly labels: readonly string[];
  /** Raw images read through the model's own preprocess (`recognizeBatch`). */
  readonly images?: readonly RawImage[];
  /** Or model-input images (an IDX held-out partition), fed to the network as `glyph eval` does. */
  readonly modelInput?: LabeledImages;
}

/** optdigits: 1,797 8×8 digits (values 0..16, ink high) by 43 writers MNIST never saw. */
export async function optdigits(dataDir: string, kernel: 'nearest' | 'cubic'): Promise<BoardSet> {
  const text = gunzipSync(await readFile(join(dataDir, 'optdigits', 'digits.csv.gz'))).toString('utf8');
  const rows = text
    .split('\n')
    .filter((line) => /^\d/.test(line))
    .map((line) => line.split(',').map(Number));
  const images: RawImage[] = [];
  for (const row of rows) images.push(await optdigitsImage(row.slice(0, 64), kernel));
  return {
    name: `optdigits ${kernel === 'nearest' ? 'blocky' : 'smooth'}`,
    about: `UCI optdigits (43 writers), 8×8 cells shown dark on white at 32×32 (${kernel === 'nearest' ? 'nearest-neighbour: blocky' : 'cubic: smooth'})`,
    labels: rows.map((row) => String(row[64])),
    images,
  };
}

/** 64 optdigits cells (0..16, ink high) shown dark ink on white, as a scanned form holds them: 4× up to 32×32. */
export async function optdigitsImage(
  cells: ArrayLike<number>,
  kernel: 'nearest' | 'cubic',
): Promise<RawImage> {
  const dark = Uint8Array.from(cells, (v) => 255 - Math.round((v * 255) / 16));
  const data = await sharp(dark, { raw: { width: 8, height: 8, channels: 1 } })
    .resize(32, 32, { kernel })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return { data: new Uint8Array(data), width: 32, height: 32, channels: 1 };
}

/** An IDX content-hash held-out partition (never trained on), as model input. */
export async function heldOut(spec: string, dataDir: string, fraction = 0.2): Promise<BoardSet> {
  const loaded = await loadDataset(spec, { dataDir, holdout: fraction });
  const test = loaded.test!;
  return {
    name: `${spec} held-out`,
    about: `${spec}: the ${Math.round(fraction * 100)}% content-hash test partition (${test.count} images)`,
    labels: Array.from(test.labels, (label) => test.classNames[label]),
    modelInput: test,
  };
}

/** The same held-out partition, but handed over as raw images that go through `preprocess`. */
export async function heldOutAsImages(spec: string, dataDir: string, fraction = 0.2): Promise<BoardSet> {
  const set = await heldOut(spec, dataDir, fraction);
  const test = set.modelInput!;
  const size = test.width * test.height;
  const images = Array.from({ length: test.count }, (_, i) => ({
    data: test.images.subarray(i * size, (i + 1) * size),
    width: test.width,
    height: test.height,
    channels: 1 as const,
  }));
  return {
    name: `${spec} held-out`,
    about: `${set.about}, read through preprocess`,
    labels: set.labels,
    images,
  };
}

/** A folder-per-class set of image files (e.g. printed letters rendered from held-out fonts). */
export async function folderSet(name: string, about: string, folder: string): Promise<BoardSet> {
  const images: RawImage[] = [];
  const labels: string[] = [];
  for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const label = entry.isDirectory() ? labelFromDirName(entry.name) : null;
    if (label === null) continue;
    for (const file of (await readdir(join(folder, entry.name))).sort()) {
      images.push(await decodeImage(new Uint8Array(await readFile(join(folder, entry.name, file)))));
      labels.push(label);
    }
  }
  return { name, about, labels, images };
}

/** A dataset's official test split, as model input. */
export async function testSplit(spec: string, dataDir: string): Promise<BoardSet> {
  const test = (await loadDataset(`${spec}:test`, { dataDir })).test!;
  return {
    name: `${spec}:test`,
    about: `${spec} official test split (${test.count} images)`,
    labels: Array.from(test.labels, (label) => test.classNames[label]),
    modelInput: test,
  };
}
