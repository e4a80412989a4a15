import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** One loadable version of a model: the folder holding its model.json. */
export interface ModelVersionFolder {
  readonly version: number;
  readonly folder: string;
}

/** A sub-folder of the models directory and the versions it holds, highest first. */
export interface ModelSlot {
  /** The sub-folder's name (the model id in the TF Serving layout). */
  readonly name: string;
  readonly dir: string;
  readonly versions: readonly ModelVersionFolder[];
}

/** `1`, `2`, `17`: a version folder. Anything else (`.2.tmp`, `v2`, `02x`) is ignored. */
const versionName = /^[1-9]\d{0,8}$/;

const hidden = (name: string) => name.startsWith('.');

const plainMarkers = new Set(['model.json', 'metadata.json']);

/**
 * The model folders under `modelsDir`, in the TF Serving layout: each visible sub-folder is one
 * model; its numeric sub-folders (`1/`, `2/`, …) are its versions, and a `model.json` (or
 * `metadata.json`) directly in it is version 1 (the layout before versions). Dot-prefixed names are never read, so publishing as
 * "copy to `.2.tmp`, then `mv .2.tmp 2`" never shows a half-copied version. readdir/stat only.
 */
export async function discoverModelSlots(modelsDir: string): Promise<ModelSlot[]> {
  const entries = await readdir(modelsDir, { withFileTypes: true });
  const slots: ModelSlot[] = [];
  for (const entry of entries.filter((item) => item.isDirectory() && !hidden(item.name))) {
    const dir = path.join(modelsDir, entry.name);
    slots.push({ name: entry.name, dir, versions: await versionsIn(dir) });
  }
  return slots.sort((a, b) => a.name.localeCompare(b.name));
}

async function versionsIn(dir: string): Promise<ModelVersionFolder[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
  const versions = entries
    .filter((entry) => entry.isDirectory() && versionName.test(entry.name))
    .map((entry) => ({ version: Number(entry.name), folder: path.join(dir, entry.name) }));
  // metadata.json alone counts too, so loading it explains what is missing rather than "no versions".
  const plain = entries.some((entry) => entry.isFile() && plainMarkers.has(entry.name));
  // A `1/` folder beside a plain model.json is the newer way of writing version 1, and wins.
  if (plain && !versions.some((entry) => entry.version === 1)) versions.push({ version: 1, folder: dir });
  return versions.sort((a, b) => b.version - a.version);
}

/**
 * Every file of a model version (names, sizes, modification times), skipping hidden names and the
 * version folders a plain folder may hold: changes when any of its files does. stat/readdir only.
 */
export async function versionSignature(folder: string): Promise<string> {
  const lines: string[] = [];
  const walk = async (dir: string, top: boolean): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
    for (const entry of entries) {
      if (hidden(entry.name) || (top && entry.isDirectory() && versionName.test(entry.name))) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file, false);
      else if (entry.isFile()) {
        const info = await stat(file).catch(() => undefined);
        lines.push(`${path.relative(folder, file)}:${info?.size}:${info?.mtimeMs}`);
      }
    }
  };
  await walk(folder, true);
  return lines.sort().join('\n');
}
