import { relabelImages } from '@glyph/core/data';
import { evaluateModel, summarizeOutcomes } from '@glyph/core/evaluate';
import { loadDataset } from '@glyph/node/datasets';
import { loadModelFolder } from '@glyph/node/model-io';

/** How many images of a labelled folder a model reads right, each read the way `predict` reads it. */
export async function scoreOnFolder(
  modelDirectory: string,
  folder: string,
): Promise<{ correct: number; count: number }> {
  const { model, metadata } = await loadModelFolder(modelDirectory);
  try {
    const { width, height, channels } = metadata.input;
    const loaded = await loadDataset(`folder:${folder}`, {
      preprocessing: { spec: metadata.preprocessing, input: { width, height, channels } },
    });
    const set = relabelImages(loaded.train ?? loaded.test!, metadata.labels, modelDirectory);
    const { accuracy, count } = summarizeOutcomes(await evaluateModel(model, set));
    return { correct: Math.round(accuracy * count), count };
  } finally {
    model.dispose();
  }
}
