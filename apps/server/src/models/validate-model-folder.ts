import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import type { ModelMetadata } from '@glyph/core/model';
import { readMetadata } from '@glyph/node/model-io';

interface WeightSpec {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly quantization?: { readonly dtype: string };
}

interface WeightsGroup {
  readonly paths: readonly string[];
  readonly weights: readonly WeightSpec[];
}

const bytesPerValue: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/**
 * Checks a model version completely before anything loads it: metadata.json against the schema,
 * model.json parses, and every weight shard it lists is present with exactly the bytes its weights
 * need — so a folder still being copied (a shard missing or short) is refused, never served.
 */
export async function validateModelFolder(folder: string): Promise<ModelMetadata> {
  const metadata = await readMetadata(folder);
  const modelJson = path.join(folder, 'model.json');
  let manifest: readonly WeightsGroup[];
  try {
    const parsed = JSON.parse(await readFile(modelJson, 'utf8')) as { weightsManifest?: WeightsGroup[] };
    manifest = parsed.weightsManifest ?? [];
  } catch (error) {
    throw invalid(`${modelJson} is missing or not valid JSON (${(error as Error).message}).`, error);
  }
  for (const group of manifest) {
    const expected = expectedBytes(group);
    let actual = 0;
    for (const shard of group.paths) {
      const file = path.join(folder, shard);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw invalid(`${file}, a weight shard model.json lists, is missing.`);
      actual += info.size;
    }
    if (expected !== undefined && actual !== expected) {
      throw invalid(
        `The weight shards ${group.paths.join(', ')} in ${folder} hold ${actual} bytes, but model.json's weights need ${expected}: the folder is incomplete or corrupt (still being copied?).`,
      );
    }
  }
  return metadata;
}

/** Bytes a group's shards must hold together; undefined when a dtype's size is not fixed (strings). */
function expectedBytes(group: WeightsGroup): number | undefined {
  let total = 0;
  for (const weight of group.weights) {
    const perValue = bytesPerValue[weight.quantization?.dtype ?? weight.dtype];
    if (perValue === undefined) return undefined;
    total += weight.shape.reduce((product, size) => product * size, 1) * perValue;
  }
  return total;
}

function invalid(problem: string, cause?: unknown): GlyphError {
  return new GlyphError(
    'MODEL_INVALID',
    `${problem} Publish a model version by copying it to a dot-prefixed name (models/<id>/.<n>.tmp) and renaming it to models/<id>/<n> once complete.`,
    { cause },
  );
}
