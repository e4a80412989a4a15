import type { LabeledImages } from '@glyph/core';
import { preprocessImages } from '@glyph/core/data';
import type { DatasetSpec } from '@glyph/node/datasets';
import type { PreprocessKind } from './train-config';

/** The ink recipe an IDX dataset's images were made with: MNIST's or EMNIST's. */
function nativeRecipe(name: string): 'ink-mnist' | 'ink-emnist' {
  return name.startsWith('emnist') ? 'ink-emnist' : 'ink-mnist';
}

/**
 * IDX images come laid out by their dataset's own recipe. A model with the other recipe would learn
 * a layout it never sees at prediction time (EMNIST's blurred, frame-filling digits in an MNIST-layout
 * model), so such images are run through the model's own `preprocess` first — the same function that
 * prepares every drawing the model will read. Images of the model's own recipe come back as they are.
 */
export function relayoutIdxImages(
  set: LabeledImages,
  parsed: DatasetSpec,
  kind: PreprocessKind,
  notes: string[],
): LabeledImages {
  if (parsed.kind !== 'known' || kind === 'photo' || nativeRecipe(parsed.name) === kind) return set;
  const input = { width: set.width, height: set.height, channels: 1 as const };
  const prepared = preprocessImages(set, { kind }, input);
  notes.push(
    `${set.name}: ${set.count} images laid out again by the model's ${kind} recipe (they were made with ` +
      `${nativeRecipe(parsed.name)}'s)` +
      (prepared.droppedEmpty > 0 ? `; ${prepared.droppedEmpty} held no ink and were left out.` : '.'),
  );
  return prepared.set;
}
