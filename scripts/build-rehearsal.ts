// Builds a model folder's rehearsal set: `perClass` seeded images of every label from the TRAINING
// split of the model's dataset, as the model-input bytes training fed it, written as rehearsal.bin
// with rehearsal.json beside it (see packages/core/src/teach/rehearsal-set.ts). The browser's
// personalization trains on them with a user's corrections so the model does not forget the rest.
// Run: GLYPH_DATA_DIR=/work/shared/datasets npm run build:rehearsal -- [digits …] [--models-dir models]
//      [--dataset mnist] [--per-class 20] [--seed 5]
// A test split is never used: a model whose dataset has no training split here gets no rehearsal set.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GlyphError, type LabeledImages } from '@glyph/core';
import { selectImages } from '@glyph/core/data';
import { parseModelMetadata, type ModelMetadata } from '@glyph/core/model';
import {
  parseRehearsalSet,
  pickRehearsalImages,
  REHEARSAL_BIN_FILE,
  REHEARSAL_JSON_FILE,
  rehearsalSetFile,
} from '@glyph/core/teach';
import { loadDataset, parseDatasetSpec, resolveDataDir } from '@glyph/node/datasets';
import { relayoutIdxImages } from '../packages/node/src/train/relayout-idx';

/** The first part of the model's training spec (`mnist+emnist-digits` → `mnist`). */
function defaultDataset(metadata: ModelMetadata): string {
  const spec = String(metadata.dataset.spec ?? metadata.dataset.name);
  return spec.split('+')[0].replace(/:(train|test)$/, '');
}

/** The images of `set` whose class is one of the model's labels; every label must have some. */
function onlyModelLabels(set: LabeledImages, labels: readonly string[]): LabeledImages {
  const keep = set.classNames.map((name) => labels.includes(name));
  const indices = Array.from({ length: set.count }, (_, i) => i).filter((i) => keep[set.labels[i]]);
  const missing = labels.filter((label) => !set.classNames.includes(label));
  if (missing.length > 0) {
    throw new GlyphError('DATASET_EMPTY', `${set.name} has no images of ${missing.join(', ')}.`);
  }
  return selectImages(set, indices, set.name);
}

async function build(
  folder: string,
  options: { dataset?: string; perClass: number; seed: number; dataDir: string },
): Promise<string> {
  const metadata = parseModelMetadata(
    JSON.parse(await readFile(path.join(folder, 'metadata.json'), 'utf8')),
    folder,
  );
  const name = options.dataset ?? defaultDataset(metadata);
  const spec = `${name}:train`;
  const parsed = parseDatasetSpec(spec);
  const loaded = await loadDataset(spec, { dataDir: options.dataDir });
  const train = loaded.train;
  if (!train || loaded.holdout || !train.name.endsWith(':train')) {
    throw new GlyphError(
      'DATASET_MISSING',
      `${spec}: no training split is available, and a rehearsal set is never drawn from a test split.`,
    );
  }
  if (metadata.preprocessing.kind === 'photo') {
    throw new GlyphError('BAD_USAGE', `${metadata.id} is a photo model; rehearsal sets are for ink models.`);
  }
  const notes: string[] = [];
  // The bytes training fed the model: IDX images of the other ink recipe are laid out again.
  const prepared = relayoutIdxImages(train, parsed, metadata.preprocessing.kind, notes);
  const picked = pickRehearsalImages(
    onlyModelLabels(prepared, metadata.labels),
    options.perClass,
    options.seed,
  );
  const file = rehearsalSetFile(picked, {
    preprocessing: metadata.preprocessing.kind,
    source: train.name,
    seed: options.seed,
    perClass: options.perClass,
  });
  // Written only once it reads back as the model would read it.
  parseRehearsalSet(file, picked.images, metadata, folder);
  await writeFile(path.join(folder, REHEARSAL_BIN_FILE), picked.images);
  await writeFile(path.join(folder, REHEARSAL_JSON_FILE), `${JSON.stringify(file)}\n`);
  return (
    `${metadata.id}: ${picked.count} images (${options.perClass} per label, seed ${options.seed}) from ${train.name}, ` +
    `${picked.images.length} bytes, sha256 ${file.sha256.slice(0, 12)}…${notes.length ? ` (${notes.join(' ')})` : ''}`
  );
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'models-dir': { type: 'string', default: 'models' },
    dataset: { type: 'string' },
    'per-class': { type: 'string', default: '20' },
    seed: { type: 'string', default: '5' },
    'data-dir': { type: 'string' },
  },
});
const ids = positionals.length > 0 ? positionals : ['digits'];
let failed = false;
for (const id of ids) {
  try {
    const line = await build(path.join(values['models-dir'], id), {
      ...(values.dataset !== undefined && { dataset: values.dataset }),
      perClass: Number(values['per-class']),
      seed: Number(values.seed),
      dataDir: values['data-dir'] ?? resolveDataDir(),
    });
    console.log(line);
  } catch (error) {
    failed = true;
    console.error(`${id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
