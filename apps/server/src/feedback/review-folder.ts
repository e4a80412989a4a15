import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { dirNameToLabel } from '@glyph/node/datasets';
import { existingFile } from './sample-path';

/** A training folder's image, read-only: the review view lists it by loss and serves it. */
export interface FolderFile {
  readonly label: string;
  /** `[<split>/]<class folder>/<file>`, relative to the folder. */
  readonly path: string;
  /** Where `GET /api/review-folder/files/…` serves it. */
  readonly url: string;
}

const imageExtensions = ['.png', '.jpg', '.jpeg', '.webp', '.gif'];
const splitFolders = ['train', 'training', 'test', 'testing'];

export const folderImageTypes: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/**
 * The images of a folder-per-class dataset (class folders, optionally inside train/ and test/), as
 * `glyph train` reads it: real folders and image files only, hidden entries and links passed over.
 */
export async function scanReviewFolder(root: string): Promise<FolderFile[]> {
  const top = (await entriesOf(root)).filter(isVisibleFolder);
  const splits = top.filter((entry) => splitFolders.includes(entry.name.toLowerCase()));
  const classRoots = splits.length > 0 ? splits.map((entry) => [entry.name]) : [[]];
  const files: FolderFile[] = [];
  for (const prefix of classRoots) {
    for (const classEntry of (await entriesOf(path.join(root, ...prefix))).filter(isVisibleFolder)) {
      const folder = [...prefix, classEntry.name];
      for (const fileEntry of await entriesOf(path.join(root, ...folder))) {
        if (!fileEntry.isFile() || !isImageName(fileEntry.name)) continue;
        const relativePath = [...folder, fileEntry.name].join('/');
        files.push({
          label: dirNameToLabel(classEntry.name),
          path: relativePath,
          url: folderFileUrl(relativePath),
        });
      }
    }
  }
  return files;
}

/**
 * The absolute path of a listed file, or `null`: the path must have the listing's shape (visible
 * names, an image extension, at most a split folder above the class folder) and lead through real
 * folders to a real file inside `root`.
 */
export async function reviewFolderFile(root: string, relativePath: string): Promise<string | null> {
  const parts = relativePath.split('/');
  const shaped =
    (parts.length === 2 || (parts.length === 3 && splitFolders.includes(parts[0].toLowerCase()))) &&
    parts.every((part) => part !== '' && !part.startsWith('.') && !part.includes('\\')) &&
    isImageName(parts[parts.length - 1]);
  return shaped ? existingFile(root, relativePath) : null;
}

export function folderFileUrl(relativePath: string): string {
  return `/api/review-folder/files/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}

function isImageName(name: string): boolean {
  return !name.startsWith('.') && imageExtensions.includes(path.extname(name).toLowerCase());
}

function isVisibleFolder(entry: Dirent): boolean {
  return entry.isDirectory() && !entry.name.startsWith('.');
}

async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
