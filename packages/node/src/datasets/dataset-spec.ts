import { resolve } from 'node:path';
import { GlyphError } from '@glyph/core';
import {
  isKnownDatasetName,
  knownDatasetNames,
  type KnownDatasetName,
  type SplitName,
} from './known-datasets';

/** A parsed dataset spec: `mnist`, `mnist:test`, `emnist-byclass:test`, `folder:/x`, `folder:/x:train`. */
export type DatasetSpec =
  | { readonly kind: 'known'; readonly name: KnownDatasetName; readonly split?: SplitName }
  | { readonly kind: 'folder'; readonly path: string; readonly split?: SplitName };

export function parseDatasetSpec(spec: string): DatasetSpec {
  const trimmed = spec.trim();
  if (splitDatasetSpecs(trimmed).length > 1) {
    throw new GlyphError(
      'BAD_USAGE',
      `"${spec}" combines datasets; only glyph train reads combined specs. Name one dataset here, e.g. ${splitDatasetSpecs(trimmed)[0]}.`,
    );
  }
  if (trimmed.startsWith('folder:')) return parseFolderSpec(trimmed);
  const [name, split, ...rest] = trimmed.split(':');
  if (!isKnownDatasetName(name)) {
    throw new GlyphError(
      'DATASET_UNKNOWN',
      `Unknown dataset "${name}" in spec "${spec}". Known datasets: ${knownDatasetNames.join(', ')}; ` +
        'or folder:<path> for a folder of class sub-folders. Add :train or :test to pick a split.',
    );
  }
  if (rest.length > 0 || (split !== undefined && split !== 'train' && split !== 'test')) {
    throw new GlyphError(
      'BAD_USAGE',
      `Bad split in dataset spec "${spec}": expected ${name}, ${name}:train or ${name}:test.`,
    );
  }
  return split === undefined ? { kind: 'known', name } : { kind: 'known', name, split };
}

/** The spec as text again: `mnist:test`, `folder:./x` (what `parseDatasetSpec` reads back). */
export function formatDatasetSpec(parsed: DatasetSpec): string {
  const dataset = parsed.kind === 'folder' ? `folder:${parsed.path}` : parsed.name;
  return parsed.split === undefined ? dataset : `${dataset}:${parsed.split}`;
}

/**
 * The dataset a spec names, without its split: `mnist`, or `folder:<absolute path>`. What a load
 * records as its `name` and a model's metadata as `dataset.name`.
 */
export function datasetName(parsed: DatasetSpec): string {
  return parsed.kind === 'folder' ? `folder:${resolve(parsed.path)}` : parsed.name;
}

function parseFolderSpec(spec: string): DatasetSpec {
  let path = spec.slice('folder:'.length);
  let split: SplitName | undefined;
  // Only a trailing :train/:test is a split, so paths that contain ':' elsewhere still work.
  const match = /:(train|test)$/.exec(path);
  if (match) {
    split = match[1] as SplitName;
    path = path.slice(0, -match[0].length);
  }
  if (path === '') {
    throw new GlyphError(
      'BAD_USAGE',
      `Dataset spec "${spec}" names no folder: write folder:<path>, e.g. folder:./my-images or folder:./my-images:test.`,
    );
  }
  return split === undefined ? { kind: 'folder', path } : { kind: 'folder', path, split };
}

/**
 * The parts of a combined spec, `mnist+folder:./feedback` → `['mnist', 'folder:./feedback']`; a
 * single spec comes back alone. A `+` separates parts only where a dataset name or `folder:` follows,
 * so folder paths may contain `+`.
 */
export function splitDatasetSpecs(spec: string): string[] {
  const next = `(?:folder:|(?:${knownDatasetNames.join('|')})(?::(?:train|test))?(?:\\+|$))`;
  return spec
    .trim()
    .split(new RegExp(`\\+(?=${next})`))
    .map((part) => part.trim());
}
