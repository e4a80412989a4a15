import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { GlyphError } from '@glyph/core';
import type { SplitName } from './known-datasets';

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
}

const splitFolderNames: Readonly<Record<SplitName, readonly string[]>> = {
  train: ['train', 'training'],
  test: ['test', 'testing'],
};

/**
 * Reads the folder structure (Keras `flow_from_directory` style): class = sub-folder name; optional
 * `train/`+`test/` (or `Training/`+`Testing/`) split folders holding class folders. Files whose
 * extension is not an image are ignored (and counted in a note); hidden entries are skipped.
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
  const folders = await subfolders(root);
  const notes: string[] = [];
  const splitFolders = (['train', 'test'] as const).flatMap((split) => {
    const folder = folders.find((name) => splitFolderNames[split].includes(name.toLowerCase()));
    return folder ? [[split, folder] as const] : [];
  });
  const splits: FolderLayout['splits'] = {};
  if (splitFolders.length === 0) {
    splits.train = { folder: root, classes: await scanClasses(root, notes) };
  } else {
    const others = folders.filter((name) => !splitFolders.some(([, folder]) => folder === name));
    if (others.length > 0) notes.push(`Ignored folders beside the split folders: ${others.join(', ')}.`);
    for (const [split, folder] of splitFolders) {
      splits[split] = { folder: join(root, folder), classes: await scanClasses(join(root, folder), notes) };
    }
  }
  return { root, splits, notes };
}

async function subfolders(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort(naturalOrder);
}

async function scanClasses(folder: string, notes: string[]): Promise<FolderClass[]> {
  const classNames = await subfolders(folder);
  if (classNames.length === 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      `${folder} has no class sub-folders. Put the images of each class in their own folder, ` +
        `e.g. ${join(folder, 'cat', '1.png')} and ${join(folder, 'dog', '1.png')}.`,
    );
  }
  const classes: FolderClass[] = [];
  let ignored = 0;
  for (const name of classNames) {
    const entries = await readdir(join(folder, name), { withFileTypes: true });
    const fileNames = entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
    const imageNames = fileNames.filter((file) => imageExtensions.includes(extname(file).toLowerCase()));
    ignored += fileNames.length - imageNames.length;
    classes.push({ name, files: imageNames.sort(naturalOrder).map((file) => join(folder, name, file)) });
  }
  const empty = classes.filter((entry) => entry.files.length === 0).map((entry) => join(folder, entry.name));
  if (empty.length > 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      `${empty.length === 1 ? 'Class folder' : 'Class folders'} with no images (${imageExtensions.join(', ')}): ` +
        `${empty.join(', ')}. Add images or remove the folder.`,
    );
  }
  if (ignored > 0) notes.push(`Ignored ${ignored} non-image files in ${folder}.`);
  return classes;
}
