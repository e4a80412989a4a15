import { join } from 'node:path';
import type { LabeledImages } from '@glyph/core';
import { buildEvaluationReport } from '@glyph/core/metrics';
import type { ModelMetadata } from '@glyph/core/model';
import { writeEvaluationReport } from '../../report';
import type { OutOfFold } from './cross-validate';

/**
 * The evaluation report of a k-fold run, drawn from every image's out-of-fold answer (each image
 * scored by the fold model that never trained on it): `<out>/report/` with report.json, report.html,
 * confusion.png and top-losses.png, as `glyph eval --report` writes for a test split.
 */
export async function writeFoldReport(
  out: string,
  metadata: ModelMetadata,
  set: LabeledImages,
  outOfFold: OutOfFold,
  folds: number,
  seconds: number,
): Promise<string> {
  const report = buildEvaluationReport({
    model: {
      id: metadata.id,
      name: metadata.name,
      labels: metadata.labels,
      input: metadata.input,
      source: out,
    },
    dataset: {
      spec: String(metadata.dataset.spec ?? metadata.dataset.name),
      name: `${set.name} (${folds}-fold cross-validation, out of fold)`,
      sha256: metadata.dataset.sha256,
      partition: {
        kind: 'whole-dataset',
        statement: `Each of the ${set.count} images was scored by the fold model that never trained on it (${folds} folds, stratified by class and ordered by content hash); the shipped model was then trained on all of them.`,
      },
      notes: [],
    },
    outcomes: {
      trueClasses: set.labels,
      predictedClasses: outOfFold.predictedClasses,
      confidences: outOfFold.confidences,
      trueProbabilities: outOfFold.trueProbabilities,
    },
    timing: {
      backend: String(metadata.training.backend),
      evaluateMs: seconds * 1000,
      imagesPerSecond: set.count / Math.max(seconds, 1e-9),
    },
  });
  const dir = join(out, 'report');
  await writeEvaluationReport(dir, report, { data: set });
  return dir;
}
