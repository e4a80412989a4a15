import { GlyphError } from '@glyph/core';
import { mulberry32 } from '@glyph/core/data';
import { charsetMask, classifyBatch } from '@glyph/core/recognize';
import { DIGIT_SPLIT, preprocessSequence } from '@glyph/core/segment';
import { lineLattice, type SavedLattice, type SavedLattices } from '@glyph/core/sequence-scorer';
import { writeNumber } from '@glyph/core/written-lines';
import { loadDataset } from '../datasets/load-dataset';
import { loadModelFolder } from '../model-io/load-model-folder';

export interface CollectLatticesOptions {
  /** A model folder; its network classifies every candidate of every line. */
  readonly model: string;
  /** MNIST split the digits are drawn from: `train` to fit on, `test` only to check. */
  readonly split: 'train' | 'test';
  /** Lines of 3–8 digits, written with the `varied` pens. */
  readonly count: number;
  readonly seed: number;
  readonly dataDir: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Writes `count` lines of MNIST digits (`writeNumber`), segments each as the recognizer does and
 * saves its candidate lattice with the model's class probabilities (digits charset).
 */
export async function collectLattices(options: CollectLatticesOptions): Promise<SavedLattices> {
  const { split } = options;
  const digits = (await loadDataset(`mnist:${split}`, { dataDir: options.dataDir }))[split];
  if (digits === undefined) {
    throw new GlyphError(
      'DATASET_MISSING',
      `mnist:${split} is not in ${options.dataDir}. Run \`glyph data download mnist\` or pass --data-dir.`,
    );
  }
  const { model, metadata } = await loadModelFolder(options.model);
  try {
    const mask = charsetMask(metadata.labels, 'digits');
    const classify = (inputs: readonly Float32Array[]) => classifyBatch(model, inputs, metadata.input);
    const random = mulberry32(options.seed);
    const lines: SavedLattice[] = [];
    for (let n = 0; n < options.count; n++) {
      const written = writeNumber(digits, 3 + Math.floor(random() * 6), random);
      const prepared = preprocessSequence(written.image, metadata.preprocessing, metadata.input, DIGIT_SPLIT);
      lines.push(await lineLattice(written.text, prepared, classify, mask));
      options.onProgress?.(n + 1, options.count);
    }
    return { model: metadata.id, split, seed: options.seed, labels: [...metadata.labels], lines };
  } finally {
    model.dispose();
  }
}
