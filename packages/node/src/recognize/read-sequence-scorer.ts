import { join } from 'node:path';
import type { SequenceWeights } from '@glyph/core/recognize';
import { resolveSequenceWeights, SEQUENCE_SCORER_FILE } from '@glyph/core/sequence-scorer';
import { readOptionalJson } from './read-optional-json';

/**
 * The weights a model folder's lines are read with: its `sequence-scorer.json` when fitted for this
 * model, else the default scorer (`from` says which, and `stale` when the file was fitted for another
 * version of the model). An invalid file is `MODEL_INVALID`.
 */
export async function readSequenceScorer(
  folder: string,
  metadata: { readonly id: string; readonly createdAt: string },
): Promise<{ readonly weights: SequenceWeights; readonly from: 'folder' | 'default' | 'stale' }> {
  const json = await readOptionalJson(
    join(folder, SEQUENCE_SCORER_FILE),
    `Refit it with \`glyph sequence-scorer fit --model ${folder} --write\`, or delete it.`,
  );
  return resolveSequenceWeights(json, metadata, folder);
}
