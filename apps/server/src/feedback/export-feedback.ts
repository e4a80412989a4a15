import { lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import { writeFileAtomic } from '@glyph/node/model-io';
import type { FeedbackStore } from './feedback-store';

export interface ExportSummary {
  readonly model: string;
  readonly outDir: string;
  /** Samples of the model in the store. */
  readonly total: number;
  /** Files written now; the rest were already there from an earlier export. */
  readonly written: number;
  readonly labels: number;
}

/**
 * Writes a model's live samples (not the trash) as `<outDir>/<label folder>/<time>-<id>.png`: the
 * layout of the folder store's `<feedback-dir>/<model>`, so `folder:<outDir>` is a dataset for
 * `glyph train` and `glyph retrain --feedback`, whichever backend held them. Files already there
 * are kept, so exporting again adds only what is new; nothing is ever deleted.
 */
export async function exportFeedback(
  store: FeedbackStore,
  model: string,
  outDir: string,
): Promise<ExportSummary> {
  const samples = await store.samples(model);
  if (samples.length === 0) {
    throw new GlyphError(
      'DATASET_EMPTY',
      `The feedback store ${store.description} has no samples of model "${model}". GET /api/feedback lists the models that have some.`,
    );
  }
  let written = 0;
  for (const sample of samples) {
    const [, labelDir, fileName] = sample.path.split('/');
    const target = path.join(outDir, labelDir, fileName);
    if (await lstat(target).catch(() => null)) continue;
    const png = await store.read(sample.path);
    // Relabelled or deleted since the listing: the next export has it where it is then.
    if (png === null) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, png);
    written += 1;
  }
  const labels = new Set(samples.map((sample) => sample.label)).size;
  return { model, outDir, total: samples.length, written, labels };
}
