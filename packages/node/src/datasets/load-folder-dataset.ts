import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { GlyphError, type LabeledImages } from '@glyph/core';
import { decodeImageBytes, type DecodeTarget } from './decode-image-file';
import { chooseDecodeTarget } from './folder-target-size';
import { naturalOrder, scanFolderLayout, type FolderLayout } from './folder-layout';
import { splitNames, type SplitName } from './known-datasets';
import type { LoadedSplits } from './load-known-dataset';
import { labelFromDirName } from './label-folder-name';
import { mapConcurrent } from './map-concurrent';
import { sha256Hex } from './source-files';

export interface FolderLoadOptions {
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

type Decoded =
  { ok: true; pixels: Uint8Array; sha256: string } | { ok: false; reason: string; sha256?: string };

/** How many skipped paths a report lists. */
const skippedExamples = 5;

export async function loadFolderDataset(
  path: string,
  split: SplitName | undefined,
  options: FolderLoadOptions = {},
): Promise<LoadedSplits & { skipped?: { count: number; examples: string[] } }> {
  const root = resolve(path);
  const layout = await scanFolderLayout(root);
  const splits = pickSplits(layout, split);
  const classNames = [
    ...new Set(splits.flatMap((name) => layout.splits[name]!.classes.map((c) => classNameOf(c.name)))),
  ].sort(naturalOrder);
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
  const { target, note } = await chooseDecodeTarget(
    items.map((item) => item.path),
    { ...options, concurrency },
  );
  const decoded = await mapConcurrent(
    items,
    concurrency,
    (item) => decodeFile(item.path, target),
    options.onProgress,
  );
  const result: LoadedSplits & { skipped?: { count: number; examples: string[] } } = {
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
  const failures = items.flatMap((item, i) =>
    decoded[i].ok ? [] : [`${item.path} (${(decoded[i] as { reason: string }).reason})`],
  );
  if (failures.length > 0) {
    result.skipped = { count: failures.length, examples: failures.slice(0, skippedExamples) };
    result.notes.push(`Skipped ${failures.length} files that could not be decoded.`);
  }
  for (const name of splits) {
    result[name] = assembleSplit(`folder:${root}:${name}`, items, decoded, name, classNames, target, layout);
  }
  return result;
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

async function decodeFile(path: string, target: DecodeTarget): Promise<Decoded> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const sha256 = sha256Hex(bytes);
  try {
    return { ok: true, pixels: await decodeImageBytes(bytes, target), sha256 };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), sha256 };
  }
}

function assembleSplit(
  name: string,
  items: readonly FolderItem[],
  decoded: readonly Decoded[],
  split: SplitName,
  classNames: readonly string[],
  target: DecodeTarget,
  layout: FolderLayout,
): LabeledImages {
  const size = target.width * target.height * target.channels;
  const members = items.flatMap((item, i) => {
    const outcome = decoded[i];
    return item.split === split && outcome.ok
      ? [{ classIndex: item.classIndex, pixels: outcome.pixels }]
      : [];
  });
  const present = new Set(members.map((member) => member.classIndex));
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
  const images = new Uint8Array(members.length * size);
  const labels = new Int32Array(members.length);
  members.forEach((member, i) => {
    images.set(member.pixels, i * size);
    labels[i] = member.classIndex;
  });
  return { name, images, labels, count: members.length, ...target, classNames };
}
