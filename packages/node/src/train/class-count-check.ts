import { resolve } from 'node:path';
import { GlyphError, type LabeledImages } from '@glyph/core';
import {
  folderClassNames,
  parseDatasetSpec,
  splitDatasetSpecs,
  type DatasetSpec,
} from '@glyph/node/datasets';

/**
 * A classifier trained from its own labels learns to tell classes apart, so it needs two or more:
 * on one class it would reach 100% by answering that class for everything. This refuses such data
 * from the folder names alone, before a single photo is decoded. Known datasets all have many
 * classes, so only specs made entirely of folders are looked at. Fine-tuning with `--init`
 * (`glyph retrain`) maps the data onto the starting model's labels, where a folder holding one
 * class of corrections is normal: callers skip the check then.
 */
export async function checkClassCountBeforeLoading(
  dataset: string,
  parts: readonly DatasetSpec[] = splitDatasetSpecs(dataset).map(parseDatasetSpec),
): Promise<void> {
  const classes = new Set<string>();
  for (const part of parts) {
    if (part.kind !== 'folder') return;
    for (const name of await folderClassNames(part.path, part.split)) classes.add(name);
  }
  if (classes.size < 2) throw tooFewClasses(dataset, `holds ${describe([...classes])}`, folderPaths(parts));
}

/**
 * The same rule on the loaded training images of folder-only specs: a folder whose `train/` holds
 * one class (the other classes only in `test/`), or whose other classes hold no usable image, is
 * refused too. Specs with a known dataset are left alone (tiny test fixtures of one IDX label).
 */
export function checkClassCountLoaded(
  dataset: string,
  parts: readonly DatasetSpec[],
  trains: readonly LabeledImages[],
): void {
  if (!parts.every((part) => part.kind === 'folder')) return;
  const present = new Set<string>();
  for (const set of trains) for (const label of new Set(set.labels)) present.add(set.classNames[label]);
  if (present.size < 2) {
    throw tooFewClasses(dataset, `has training images of ${describe([...present])}`, folderPaths(parts));
  }
}

function folderPaths(parts: readonly DatasetSpec[]): string[] {
  return parts.flatMap((part) => (part.kind === 'folder' ? [resolve(part.path)] : []));
}

function describe(classes: readonly string[]): string {
  return classes.length === 0 ? 'no class' : `only one class (${classes[0]})`;
}

function tooFewClasses(dataset: string, what: string, folders: readonly string[]): GlyphError {
  const folder = folders[0] ?? '<folder>';
  return new GlyphError(
    'BAD_USAGE',
    `${dataset} ${what}, but a classifier learns to tell classes apart and needs images of at least two. ` +
      `Add a sub-folder of images for each other class (e.g. ${resolve(folder, 'other-class', '1.png')}), ` +
      'or fine-tune a model that already knows the other classes on these images with --init <model folder> (what glyph retrain does).',
  );
}
