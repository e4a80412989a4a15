import { readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { GlyphError } from '@glyph/core';
import type { SplitName } from './known-datasets';
import type { SkippedFile } from './skipped-files';

export const imageExtensions: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp', '.gif'];

/** Sorts "2.png" before "10.png" the same way on every machine. */
export const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

export interface FolderClass {
  readonly name: string;
  /** Absolute paths of the image files, in natural order. */
  readonly files: readonly string[];
}

export interface FolderLayout {
  readonly root: string;
  /** A dataset without split folders has only `train`. */
  readonly splits: Partial<Record<SplitName, { readonly folder: string; readonly classes: FolderClass[] }>>;
  readonly notes: string[];
  /** Entries where images were expected that are not read (other files, links to folders, …). */
  readonly skipped: SkippedFile[];
}

const splitFolderNames: Readonly<Record<SplitName, readonly string[]>> = {
  train: ['train', 'training'],
  test: ['test', 'testing'],
};

/**
 * Reads the folder structure (Keras `flow_from_directory` style): class = sub-folder name; optional
 * `train/`+`test/` (or `Training/`+`Testing/`) split folders holding class folders. Links to image
 * files are followed; links to folders are not (a link loop can never be walked). Every entry of a
 * class folder that is not read — a file whose extension is not an image, a hidden file such as
 * `.DS_Store`, a folder, a link to a folder or to nothing — is listed in `skipped` with its reason,
 * as are linked class folders; hidden folders beside the class folders (`.git`) are passed over.
 */
export async function scanFolderLayout(root: string): Promise<FolderLayout> {
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new GlyphError(
      'DATASET_MISSING',
      `${root} ${info ? 'is not a folder' : 'does not exist'}. A folder dataset is a folder with one sub-folder ` +
        'of images per class (optionally inside train/ and test/).',
    );
  }
  const notes: string[] = [];
  const skipped: SkippedFile[] = [];
  // Linked folders at the top are reported once: here beside split folders, else as class folders.
  const linkedAtTop: SkippedFile[] = [];
  const folders = await subfolders(root, linkedAtTop);
  const splitFolders = (['train', 'test'] as const).flatMap((split) => {
    const folder = folders.find((name) => splitFolderNames[split].includes(name.toLowerCase()));
    return folder ? [[split, folder] as const] : [];
  });
  const splits: FolderLayout['splits'] = {};
  if (splitFolders.length === 0) {
    splits.train = { folder: root, classes: await scanClasses(root, skipped) };
  } else {
    skipped.push(...linkedAtTop);
    const others = folders.filter((name) => !splitFolders.some(([, folder]) => folder === name));
    if (others.length > 0) notes.push(`Ignored folders beside the split folders: ${others.join(', ')}.`);
    for (const [split, folder] of splitFolders) {
      const path = join(root, folder);
      splits[split] = { folder: path, classes: await scanClasses(path, skipped) };
    }
  }
  return { root, splits, notes, skipped };
}

/** The sub-folders of `folder`, in natural order; links to folders are reported, not followed. */
async function subfolders(folder: string, skipped: SkippedFile[]): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) names.push(entry.name);
    else if (entry.isSymbolicLink() && (await linkTarget(join(folder, entry.name))) === 'folder') {
      skipped.push({ path: join(folder, entry.name), reason: linkedFolderReason });
    }
  }
  return names.sort(naturalOrder);
}

const linkedFolderReason =
  'a link to a folder; links to folders are not followed (copy the folder, or link its files one by one)';

/** What a symbolic link points at, following links to links; `missing` when nothing is there. */
async function linkTarget(path: string): Promise<'file' | 'folder' | 'other' | 'missing'> {
  const target = await stat(path).catch(() => undefined);
  if (!target) return 'missing';
  return target.isFile() ? 'file' : target.isDirectory() ? 'folder' : 'other';
}

/** Why an entry of a class folder is not read, or undefined for an image file to read. */
async function skipReason(entry: Dirent, path: string): Promise<string | undefined> {
  if (entry.name.startsWith('.')) return 'a hidden file or folder';
  const kind = entry.isSymbolicLink()
    ? await linkTarget(path)
    : entry.isFile()
      ? 'file'
      : entry.isDirectory()
        ? 'nested-folder'
        : 'other';
  if (kind === 'missing') return 'a link to nothing (its target does not exist)';
  if (kind === 'folder') return linkedFolderReason;
  if (kind === 'nested-folder')
    return 'a folder inside a class folder (only files directly in a class folder are read)';
  if (kind === 'other') return 'not a regular file';
  if (!imageExtensions.includes(extname(entry.name).toLowerCase())) {
    return `not an image file name (${imageExtensions.join(', ')})`;
  }
  return undefined;
}

async function scanClasses(folder: string, skipped: SkippedFile[]): Promise<FolderClass[]> {
  const classNames = await subfolders(folder, skipped);
  if (classNames.length === 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      `${folder} has no class sub-folders. Put the images of each class in their own folder, ` +
        `e.g. ${join(folder, 'cat', '1.png')} and ${join(folder, 'dog', '1.png')}.`,
    );
  }
  const classes: FolderClass[] = [];
  const emptyClasses: string[] = [];
  for (const name of classNames) {
    const files: string[] = [];
    const notRead: SkippedFile[] = [];
    const entries = await readdir(join(folder, name), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => naturalOrder(a.name, b.name))) {
      const path = join(folder, name, entry.name);
      const reason = await skipReason(entry, path);
      if (reason === undefined) files.push(path);
      else notRead.push({ path, reason });
    }
    skipped.push(...notRead);
    classes.push({ name, files });
    if (files.length === 0) {
      const [first] = notRead;
      const holds = first
        ? ` (it holds ${notRead.length} other ${notRead.length === 1 ? 'entry' : 'entries'}, e.g. ${basename(first.path)}: ${first.reason})`
        : '';
      emptyClasses.push(`${join(folder, name)}${holds}`);
    }
  }
  if (emptyClasses.length > 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      `${emptyClasses.length === 1 ? 'Class folder' : 'Class folders'} with no images (${imageExtensions.join(', ')}): ` +
        `${emptyClasses.join(', ')}. Add images or remove the folder.`,
    );
  }
  return classes;
}
