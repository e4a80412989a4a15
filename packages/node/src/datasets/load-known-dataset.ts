import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { GlyphError, type LabeledImages } from '@glyph/core';
import { transposeSquareImages } from '@glyph/core/data';
import { digitMapping, mapLabels, parseEmnistMapping, type LabelMapping } from './emnist-mapping';
import { readIdxImagesAndLabels } from './idx-file';
import { knownDatasets, splitNames, type KnownDataset, type SplitName } from './known-datasets';
import { digitsOfByclass } from './digits-fallback';
import { loadLettersFallback } from './letters-fallback';
import { locateFile, locateSplit, type SplitSource } from './locate-files';
import { sha256Hex, type SourceFile } from './source-files';

export interface LoadedSplits {
  train?: LabeledImages;
  test?: LabeledImages;
  sources: SourceFile[];
  notes: string[];
}

/** Loads the requested split (or every split on disk) of a known IDX dataset. */
export async function loadKnownDataset(
  dataset: KnownDataset,
  split: SplitName | undefined,
  dataDir: string,
): Promise<LoadedSplits> {
  const result: LoadedSplits = { sources: [], notes: [] };
  const wanted = split ? [split] : splitNames;
  const located = await Promise.all(wanted.map((name) => locateSplit(dataset, name, dataDir)));
  if (located.every((source) => source === undefined)) throw missingSplits(dataset, wanted, dataDir);
  for (const [i, name] of wanted.entries()) {
    const source = located[i];
    if (!source) {
      result.notes.push(
        `Loaded only the ${wanted.filter((_, j) => located[j]).join('/')} split: the ${name} files ` +
          `(${describeFiles(dataset, name)}) are not in ${join(dataDir, dataset.folder)}.`,
      );
      continue;
    }
    result[name] = await loadSplit(dataset, name, source, dataDir, result);
  }
  return result;
}

async function loadSplit(
  dataset: KnownDataset,
  split: SplitName,
  source: SplitSource,
  dataDir: string,
  result: LoadedSplits,
): Promise<LabeledImages> {
  const name = `${dataset.name}:${split}`;
  if (source.kind === 'letters-fallback') {
    const byclass = knownDatasets['emnist-byclass'];
    const fallback = await loadLettersFallback({
      name,
      readPartial: () => readIdxSplit(dataset, source.partial, split, dataDir, result),
      readByclass: () => readIdxSplit(byclass, source.byclass, split, dataDir, result),
    });
    result.notes.push(...fallback.notes);
    return fallback.set;
  }
  if (source.kind === 'digits-fallback') {
    const byclass = await readIdxSplit(
      knownDatasets['emnist-byclass'],
      source.byclass,
      split,
      dataDir,
      result,
    );
    const fallback = digitsOfByclass(byclass, name);
    result.notes.push(...fallback.notes);
    return fallback.set;
  }
  return readIdxSplit(dataset, source, split, dataDir, result);
}

/** Reads one images/labels pair, maps labels to classes and turns EMNIST images upright. */
async function readIdxSplit(
  dataset: KnownDataset,
  source: SplitSource,
  split: SplitName,
  dataDir: string,
  result: LoadedSplits,
): Promise<LabeledImages> {
  const name = `${dataset.name}:${split}`;
  if (source.kind !== 'official') throw new Error('readIdxSplit takes one images/labels pair');
  const mapping = await readMapping(dataset, dataDir, result);
  const pair = await readIdxImagesAndLabels(source.images, source.labels);
  for (const file of pair.sources)
    result.sources.push({ name: relative(dataDir, file.path), sha256: file.sha256, split });
  const labels = mapLabels(pair.labels, mapping, source.labels);
  if (dataset.transposed) {
    if (pair.width !== pair.height) {
      throw new GlyphError(
        'DATASET_CORRUPT',
        `${source.images}: EMNIST images must be square to be turned upright, found ${pair.width}×${pair.height}.`,
      );
    }
    transposeSquareImages(pair.images, pair.width);
  }
  return {
    name,
    images: pair.images,
    labels,
    count: pair.count,
    width: pair.width,
    height: pair.height,
    channels: 1,
    classNames: mapping.classNames,
  };
}

async function readMapping(
  dataset: KnownDataset,
  dataDir: string,
  result: LoadedSplits,
): Promise<LabelMapping> {
  if (dataset.classNames) return namedMapping(dataset.classNames);
  if (!dataset.mappingFile) return digitMapping;
  const path = await locateFile(dataDir, dataset.folder, dataset.mappingFile);
  if (!path) {
    throw new GlyphError(
      'DATASET_MISSING',
      `${dataset.mappingFile} (the class names of ${dataset.name}) is not in ${join(dataDir, dataset.folder)}. ` +
        `It ships with the EMNIST download: run "glyph data download ${dataset.name}".`,
    );
  }
  const bytes = await readFile(path);
  const name = relative(dataDir, path);
  if (!result.sources.some((source) => source.name === name))
    result.sources.push({ name, sha256: sha256Hex(bytes) });
  return parseEmnistMapping(bytes.toString('utf8'), path);
}

/** File labels 0..n-1 name the classes in order. */
function namedMapping(classNames: readonly string[]): LabelMapping {
  return { classNames, classOfLabel: Int32Array.from(classNames, (_, label) => label) };
}

function describeFiles(dataset: KnownDataset, split: SplitName): string {
  return `${dataset.files[split].images} / ${dataset.files[split].labels}`;
}

function missingSplits(dataset: KnownDataset, splits: readonly SplitName[], dataDir: string): GlyphError {
  const expected = splits
    .map((split) => `${dataset.name}:${split} (${describeFiles(dataset, split)})`)
    .join(' and ');
  return new GlyphError(
    'DATASET_MISSING',
    `${expected} not found in ${join(dataDir, dataset.folder)}. Run "glyph data download ${dataset.name}", ` +
      'or point --data-dir / GLYPH_DATA_DIR at a folder that has them (run "glyph data list" to see what is present).' +
      (dataset.missingHint ? ` ${dataset.missingHint}` : ''),
  );
}
