import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { GlyphError, isGlyphError, type LabeledImages } from '@glyph/core';
import { preprocessToBytes } from '@glyph/core/data';
import type { PreprocessingSpec } from '@glyph/core/model';
import { decodeImage } from '../image/decode-image';
import { decodeImageBytes, type DecodeTarget } from './decode-image-file';
import { chooseDecodeTarget } from './folder-target-size';
import { naturalOrder, scanFolderLayout, type FolderLayout } from './folder-layout';
import { splitNames, type SplitName } from './known-datasets';
import type { LoadedSplits } from './load-known-dataset';
import { labelFromDirName } from './label-folder-name';
import { mapConcurrent } from './map-concurrent';
import { sniffMediaType } from '../image/sniff-media-type';
import { skippedNote, skippedReport, type SkippedFile, type SkippedReport } from './skipped-files';
import { sha256Hex } from './source-files';

/** The model input a folder is read into, the way `predict` reads one image. */
export interface FolderPreprocessing {
  readonly spec: PreprocessingSpec;
  readonly input: DecodeTarget;
}

export interface FolderLoadOptions {
  /**
   * Read every file as a prediction reads it: the same decoder, then the model's own `preprocess`
   * on the image as it is (no common size first). Images without ink are left out and counted.
   * Training and evaluation always pass this; without it (`glyph data show`) files are decoded to
   * one display size (`width`/`height`/`channels`, else the most common size).
   */
  preprocessing?: FolderPreprocessing;
  width?: number;
  height?: number;
  channels?: 1 | 3;
  /** Images decoded at once (default 2: the machines we target have two cores). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

interface FolderItem {
  readonly split: SplitName;
  readonly classIndex: number;
  readonly path: string;
}

/** `pixels` undefined: the file decoded but holds no ink (preprocessing only). */
type Decoded =
  | { ok: true; pixels: Uint8Array | undefined; sha256: string }
  | { ok: false; reason: string; sha256?: string };

export async function loadFolderDataset(
  path: string,
  split: SplitName | undefined,
  options: FolderLoadOptions = {},
): Promise<LoadedSplits & { skipped?: SkippedReport }> {
  const root = resolve(path);
  const layout = await scanFolderLayout(root);
  const splits = pickSplits(layout, split);
  const classNames = classNamesOf(layout, splits);
  const items: FolderItem[] = splits.flatMap((name) =>
    layout.splits[name]!.classes.flatMap((entry) =>
      entry.files.map((file) => ({
        split: name,
        classIndex: classNames.indexOf(classNameOf(entry.name)),
        path: file,
      })),
    ),
  );
  const concurrency = options.concurrency ?? 2;
  const { target, note } = options.preprocessing
    ? { target: options.preprocessing.input, note: undefined }
    : await chooseDecodeTarget(
        items.map((item) => item.path),
        { ...options, concurrency },
      );
  const read = options.preprocessing
    ? preprocessedReader(options.preprocessing)
    : (bytes: Uint8Array) => decodeImageBytes(bytes, target);
  const decoded = await mapConcurrent(
    items,
    concurrency,
    (item) => decodeFile(item.path, read),
    options.onProgress,
  );
  const result: LoadedSplits & { skipped?: SkippedReport } = {
    sources: [],
    notes: [...layout.notes],
  };
  if (note) result.notes.push(note);
  if (!layout.splits.test)
    result.notes.push('No test/ or Testing/ folder: every image is in the train split.');
  items.forEach((item, i) => {
    const outcome = decoded[i];
    if (outcome.sha256)
      result.sources.push({ name: relative(root, item.path), sha256: outcome.sha256, split: item.split });
  });
  // Entries the layout passed over and files that did not decode, in one list: left where they are.
  const skipped: SkippedFile[] = [
    ...layout.skipped,
    ...items.flatMap((item, i) => {
      const outcome = decoded[i];
      return outcome.ok ? [] : [{ path: item.path, reason: outcome.reason }];
    }),
  ];
  if (skipped.length > 0) {
    result.skipped = skippedReport(root, skipped);
    result.notes.push(skippedNote(root, result.skipped));
  }
  const empty = decoded.filter((outcome) => outcome.ok && outcome.pixels === undefined).length;
  if (empty > 0) {
    result.notes.push(
      `${empty} images of ${root} hold no ink and were left out (a prediction would say "no ink").`,
    );
  }
  for (const name of splits) {
    result[name] = assembleSplit(
      { name: `folder:${root}:${name}`, root, split: name, classNames, target, layout },
      items,
      decoded,
    );
  }
  return result;
}

/**
 * The classes a folder dataset (or one split of it) would load, from its folder names alone — no
 * file is decoded — so a run can refuse unusable data before reading thousands of photos.
 */
export async function folderClassNames(path: string, split: SplitName | undefined): Promise<string[]> {
  const layout = await scanFolderLayout(resolve(path));
  return classNamesOf(layout, pickSplits(layout, split));
}

/** The union of the splits' class folders, by class name, in natural order. */
function classNamesOf(layout: FolderLayout, splits: readonly SplitName[]): string[] {
  const names = splits.flatMap((name) => layout.splits[name]!.classes.map((c) => classNameOf(c.name)));
  return [...new Set(names)].sort(naturalOrder);
}

/** Decode exactly as `predict` does, then the model's own `preprocess` on the image as it is. */
function preprocessedReader({ spec, input }: FolderPreprocessing) {
  return async (bytes: Uint8Array) => preprocessToBytes(await decodeImage(bytes), spec, input);
}

/**
 * The class a folder stands for: a folder the feedback store wrote for a label that is not plain
 * lower-case ASCII (`%41` for `A`, `%2E` for `.`; see `labelToDirName`) is decoded back to its label;
 * any other name, `100%` or `%61` included, is the class name as it is.
 */
function classNameOf(folderName: string): string {
  return folderName.includes('%') ? (labelFromDirName(folderName) ?? folderName) : folderName;
}

function pickSplits(layout: FolderLayout, split: SplitName | undefined): SplitName[] {
  if (split === undefined) return splitNames.filter((name) => layout.splits[name]);
  if (!layout.splits[split]) {
    const wanted = split === 'train' ? 'train/ or Training/' : 'test/ or Testing/';
    const present = splitNames.filter((name) => layout.splits[name]).join(', ');
    throw new GlyphError(
      'DATASET_MISSING',
      `${layout.root} has no ${wanted} folder (splits present: ${present}). ` +
        `Drop the :${split} suffix, or use --holdout to carve a test split out of the data.`,
    );
  }
  return [split];
}

async function decodeFile(
  path: string,
  read: (bytes: Uint8Array) => Promise<Uint8Array | undefined>,
): Promise<Decoded> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const sha256 = sha256Hex(bytes);
  // Judged by the first bytes, as `predict` judges them, whichever reader follows.
  if (bytes.length === 0) return { ok: false, reason: 'an empty file (0 bytes)', sha256 };
  if (sniffMediaType(bytes) === undefined) {
    return {
      ok: false,
      reason: 'not a PNG, JPEG, WebP or GIF file (judged by its first bytes, not its name)',
      sha256,
    };
  }
  try {
    return { ok: true, pixels: await read(bytes), sha256 };
  } catch (error) {
    if (isGlyphError(error)) return { ok: false, reason: error.message, sha256 };
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `does not decode (${detail}): probably corrupt or cut off`, sha256 };
  }
}

interface SplitContext {
  readonly name: string;
  readonly root: string;
  readonly split: SplitName;
  readonly classNames: readonly string[];
  readonly target: DecodeTarget;
  readonly layout: FolderLayout;
}

function assembleSplit(
  context: SplitContext,
  items: readonly FolderItem[],
  decoded: readonly Decoded[],
): LabeledImages {
  const { split, classNames, target, layout } = context;
  const size = target.width * target.height * target.channels;
  const inSplit = items.flatMap((item, i) => {
    const outcome = decoded[i];
    return item.split === split && outcome.ok ? [{ item, outcome }] : [];
  });
  const present = new Set(inSplit.map(({ item }) => item.classIndex));
  const splitFolder = layout.splits[split]!;
  const undecodable = splitFolder.classes.filter(
    (entry) => !present.has(classNames.indexOf(classNameOf(entry.name))),
  );
  if (undecodable.length > 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      `No image of ${undecodable.map((entry) => join(splitFolder.folder, entry.name)).join(', ')} could be ` +
        'decoded (PNG, JPEG, WebP or GIF expected). Fix or remove the files, or remove the class folder.',
    );
  }
  const members = inSplit.filter(({ outcome }) => outcome.pixels !== undefined);
  const images = new Uint8Array(members.length * size);
  const labels = new Int32Array(members.length);
  const contentHashes = new Uint32Array(members.length);
  members.forEach(({ item, outcome }, i) => {
    images.set(outcome.pixels!, i * size);
    labels[i] = item.classIndex;
    // The first 32 bits of the file's sha256: the holdout side depends on the file alone.
    contentHashes[i] = Number.parseInt(outcome.sha256.slice(0, 8), 16);
  });
  const sources = members.map(({ item }) => relative(context.root, item.path));
  return {
    name: context.name,
    images,
    labels,
    count: members.length,
    ...target,
    classNames,
    sources,
    contentHashes,
  };
}
